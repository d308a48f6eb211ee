@testable import Claims
import Testing

/// `CaseHashed` hashes a case by the one byte that holds it: each conformer must be held in one
/// byte, each case in a byte of its own, or two cases would hash as one.
@Suite struct CaseHashedTests {
    static func bytes<Value: CaseIterable>(_: Value.Type) -> [[UInt8]] {
        Value.allCases.map { value in withUnsafeBytes(of: value) { Array($0) } }
    }

    @Test func everyCaseIsItsOwnByte() {
        let tables: [(String, [[UInt8]])] = [
            ("ClaimState", Self.bytes(ClaimState.self)), ("Product", Self.bytes(Product.self)),
            ("ClaimField", Self.bytes(ClaimField.self)), ("SolutionArea", Self.bytes(SolutionArea.self)),
            ("Activity", Self.bytes(Activity.self)), ("DeadlineKind", Self.bytes(DeadlineKind.self)),
            ("RejectionReason", Self.bytes(RejectionReason.self)), ("Role", Self.bytes(Role.self)),
        ]
        for (name, bytes) in tables {
            #expect(bytes.allSatisfy { $0.count == 1 }, "\(name) is held in one byte")
            #expect(Set(bytes).count == bytes.count, "\(name): every case has a byte of its own")
        }
    }

    /// `caseIndex` reads that byte: a case's position among `allCases`, which the label tables
    /// index by.
    @Test func theCaseIndexIsTheCasePosition() {
        func positions<Value: CaseIterable & CaseHashed>(_: Value.Type) -> Bool {
            Value.allCases.enumerated().allSatisfy { $0.element.caseIndex.map(Int.init) == $0.offset }
        }
        #expect(positions(Product.self))
        #expect(positions(SolutionArea.self))
        #expect(positions(Activity.self))
        #expect(positions(DeadlineKind.self))
        #expect(positions(RejectionReason.self))
        #expect(positions(ClaimState.self))
    }

    @Test func equalCasesHashAlikeAndLookupsFindEveryCase() {
        var labels: [Product: String] = [:]
        for product in Product.allCases { labels[product] = product.rawValue }
        #expect(labels.count == Product.allCases.count)
        for product in Product.allCases {
            #expect(labels[product] == product.rawValue)
            #expect(product.hashValue == Product(rawValue: product.rawValue)?.hashValue)
        }
        #expect(Set(ClaimState.allCases.map(\.hashValue)).count == ClaimState.allCases.count)
    }
}
