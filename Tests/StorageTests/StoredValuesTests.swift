import Claims
import Foundation
import Testing
@testable import Storage

/// Stored raw values read back through tables, and rejection reasons split without a decoder,
/// agree with the synthesized initializers and JSONDecoder.
@Suite struct StoredValuesTests {
    @Test func everyCaseIsFoundByItsRawValueAndNothingElse() {
        #expect(ClaimState.allCases.allSatisfy { StoredValues.states[$0.rawValue] == $0 })
        #expect(Product.allCases.allSatisfy { StoredValues.products[$0.rawValue] == $0 })
        #expect(SolutionArea.allCases.allSatisfy { StoredValues.solutionAreas[$0.rawValue] == $0 })
        #expect(Activity.allCases.allSatisfy { StoredValues.activities[$0.rawValue] == $0 })
        #expect(DeadlineKind.allCases.allSatisfy { StoredValues.deadlineKinds[$0.rawValue] == $0 })
        #expect(AssociationEnd.Cause.allCases.allSatisfy { StoredValues.endCauses[$0.rawValue] == $0 })
        #expect(RejectionReason.allCases.allSatisfy { StoredValues.rejectionReasons[$0.rawValue] == $0 })
        #expect(StoredValues.states["Draft"] == nil && StoredValues.products[""] == nil)
    }

    @Test func plainStringArraysSplitAsJSONDecoderReadsThem() throws {
        for json in [#"[]"#, #"["insufficient_poe"]"#, #"["a","b","c"]"#, #"["","x"]"#, #"["é","ü"]"#] {
            let decoded = try JSONDecoder().decode([String].self, from: Data(json.utf8))
            #expect(StoredValues.plainStrings(json) == decoded, "\(json)")
        }
        // Anything the split does not read whole goes to the decoder.
        for json in [#"["a\"b"]"#, #"["a", "b"]"#, #"["a",]"#, #"["a""#, #""a""#, #"[1]"#, ""] {
            #expect(StoredValues.plainStrings(json) == nil, "\(json)")
        }
    }

    @Test func productsSortInCatalogOrder() {
        #expect(Product.allCases.reversed().sorted() == Product.allCases)
        #expect(Product.teams < Product.intune && !(Product.intune < Product.teams) && !(Product.teams < Product.teams))
    }
}

@Suite struct StoredProductListTests {
    @Test func aListSplitsAtCommasIntoKnownProductsInCatalogOrder() {
        #expect(StoredValues.productList("") == [])
        #expect(StoredValues.productList("teams") == [.teams])
        #expect(StoredValues.productList("teams,exchange_online,intune") == [.exchangeOnline, .teams, .intune])
        #expect(StoredValues.productList("teams,,no_such_product,power_bi") == [.powerBI, .teams])
        #expect(StoredValues.productList("teams ") == [])
    }

    @Test func eachProductComesOnceWhateverTheStoredOrder() {
        let every = Product.allCases.reversed().map(\.rawValue).joined(separator: ",")
        #expect(StoredValues.productList(every) == Product.allCases.sorted())
        #expect(StoredValues.productList("teams,intune,teams") == [.teams, .intune])
    }

    /// Claim IDs written digit by digit read the same as "C-" and the number, and back.
    @Test func claimIDsAreCAndTheirNumber() {
        let numbers: [Int64] = [1, 9, 10, 99, 100, 1_001, 101_000, 999_999, 1_000_000, 1_000_000_000_000,
                                9_999_999_999_999, 10_000_000_000_000, Int64.max, 0, -5]
        for number in numbers + (0 ..< 200).map({ _ in Int64.random(in: 1 ... 9_999_999_999_999) }) {
            let id = StoredClaims.id(number: number)
            #expect(id.rawValue == "C-\(number)")
            if number > 0 { #expect(StoredClaims.number(of: id) == number) }
        }
    }
}
