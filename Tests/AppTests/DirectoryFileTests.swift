import Claims
import Foundation
import Testing
@testable import App

/// The tenant directory file: what it accepts, and every malformed file refused whole, with the
/// line and the reason.
@Suite struct DirectoryFileTests {
    static let header = "tenant_id,domains,subscription_id,product,status\n"
    static let contoso = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    static let fabrikam = "7d9f3c1a-2b4e-4f60-8a71-0c5d6e7f8a9b"
    static let sales = "11111111-1111-4111-8111-111111111111"
    static let powerBI = "22222222-2222-4222-8222-222222222222"

    static func read(_ text: String) throws(DirectoryFileError) -> [TenantDirectoryEntry] {
        try DirectoryFile.entries(from: Array(text.utf8))
    }

    /// The problems a file is refused with; empty when it is taken.
    static func problems(_ text: String) -> [DirectoryFileProblem] {
        do {
            _ = try read(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aTenantPerRowOrARowPerSubscription() throws {
        let entries = try Self.read(Self.header + """
            \(Self.contoso),contoso.com;contoso.onmicrosoft.com,\(Self.sales),dynamics_365_sales,active
            \(Self.contoso),contoso.onmicrosoft.com contoso.com,\(Self.powerBI),power_bi,grace
            \(Self.fabrikam),fabrikam.com,,,

            """)
        #expect(entries == [
            TenantDirectoryEntry(tenantID: TenantID(parsing: Self.contoso)!,
                                 domains: [DomainName(parsing: "contoso.com")!, DomainName(parsing: "contoso.onmicrosoft.com")!],
                                 subscriptions: [
                                    DirectorySubscription(id: SubscriptionID(parsing: Self.sales)!, product: .dynamics365Sales, status: .active),
                                    DirectorySubscription(id: SubscriptionID(parsing: Self.powerBI)!, product: .powerBI, status: .grace),
                                 ]),
            TenantDirectoryEntry(tenantID: TenantID(parsing: Self.fabrikam)!, domains: [DomainName(parsing: "fabrikam.com")!],
                                 subscriptions: []),
        ])
    }

    @Test func whatSpreadsheetsWriteIsReadToo() throws {
        // A byte-order mark, CRLF, semicolons with the domains quoted, columns in another order,
        // capitals, spaces around values, and blank lines.
        let text = "\u{FEFF}Status;Product;Subscription_ID;Tenant_ID;Domains\r\n"
            + " ACTIVE ; Dynamics_365_Sales ;\(Self.sales.uppercased());{\(Self.contoso)};\"Contoso.com; contoso.onmicrosoft.com\"\r\n"
            + "\r\n"
        let entries = try Self.read(text)
        #expect(entries.count == 1)
        #expect(entries[0].tenantID == TenantID(parsing: Self.contoso))
        #expect(entries[0].domains.map(\.rawValue) == ["contoso.com", "contoso.onmicrosoft.com"])
        #expect(entries[0].subscriptions == [DirectorySubscription(id: SubscriptionID(parsing: Self.sales)!,
                                                                   product: .dynamics365Sales, status: .active)])
    }

    /// One malformed file per row: the line and reason it is refused with.
    @Test(arguments: [
        ("a bad GUID", header + "3f2504e0-4f89-11d3-9a0c-0305e82c330,contoso.com,,,\n",
         [DirectoryFileProblem(line: 2, .badTenantID("3f2504e0-4f89-11d3-9a0c-0305e82c330"))]),
        ("a bad subscription GUID", header + "\(contoso),contoso.com,sub-1,power_bi,active\n",
         [DirectoryFileProblem(line: 2, .badSubscriptionID("sub-1"))]),
        ("a missing column", "tenant_id,domains,subscription_id,product\n\(contoso),contoso.com,,\n",
         [DirectoryFileProblem(line: 1, .missingColumn("status"))]),
        ("an unknown column", "tenant_id,domain,subscription_id,product,status\n",
         [DirectoryFileProblem(line: 1, .unknownColumn("domain")), DirectoryFileProblem(line: 1, .missingColumn("domains"))]),
        ("a column twice", "tenant_id,domains,subscription_id,product,status,status\n",
         [DirectoryFileProblem(line: 1, .duplicateColumn("status"))]),
        ("a row short of a field", header + "\(contoso),contoso.com,\(sales),power_bi\n",
         [DirectoryFileProblem(line: 2, .fieldCount(found: 4, expected: 5))]),
        ("an unknown product", header + "\(contoso),contoso.com,\(sales),dynamics_365_sale,active\n",
         [DirectoryFileProblem(line: 2, .unknownProduct("dynamics_365_sale"))]),
        ("a product's display name", header + "\(contoso),contoso.com,\(sales),Dynamics 365 Sales,active\n",
         [DirectoryFileProblem(line: 2, .unknownProduct("Dynamics 365 Sales"))]),
        ("an unknown status", header + "\(contoso),contoso.com,\(sales),power_bi,enabled\n",
         [DirectoryFileProblem(line: 2, .unknownStatus("enabled"))]),
        ("half a subscription", header + "\(contoso),contoso.com,\(sales),,\n",
         [DirectoryFileProblem(line: 2, .incompleteSubscription)]),
        ("a bad domain", header + "\(contoso),contoso.com;contoso,,,\n", [DirectoryFileProblem(line: 2, .badDomain("contoso"))]),
        ("no domain", header + "\(contoso),,,,\n", [DirectoryFileProblem(line: 2, .noDomains)]),
        ("a duplicate tenant", header + "\(contoso),contoso.com,,,\n\(fabrikam),fabrikam.com,,,\n\(contoso),contoso.com,,,\n",
         [DirectoryFileProblem(line: 4, .duplicateTenant(TenantID(parsing: contoso)!, firstLine: 2))]),
        ("a tenant listed bare after its subscriptions", header + "\(contoso),contoso.com,\(sales),power_bi,active\n\(contoso),contoso.com,,,\n",
         [DirectoryFileProblem(line: 3, .duplicateTenant(TenantID(parsing: contoso)!, firstLine: 2))]),
        ("a duplicate tenant with other domains", header + "\(contoso),contoso.com,\(sales),power_bi,active\n\(contoso),contoso.net,\(powerBI),power_bi,active\n",
         [DirectoryFileProblem(line: 3, .conflictingDomains(TenantID(parsing: contoso)!, firstLine: 2))]),
        ("a duplicate subscription", header + "\(contoso),contoso.com,\(sales),power_bi,active\n\(fabrikam),fabrikam.com,\(sales),power_bi,disabled\n",
         [DirectoryFileProblem(line: 3, .duplicateSubscription(SubscriptionID(parsing: sales)!, firstLine: 2))]),
        ("one domain on two tenants", header + "\(contoso),contoso.com,,,\n\(fabrikam),fabrikam.com;contoso.com,,,\n",
         [DirectoryFileProblem(line: 3, .domainOfAnotherTenant(DomainName(parsing: "contoso.com")!, tenant: TenantID(parsing: contoso)!, line: 2))]),
        ("an empty file", "", [DirectoryFileProblem(line: 1, .empty)]),
        ("only blank lines", "\n \n", [DirectoryFileProblem(line: 1, .empty)]),
        ("a header and no tenant", header, [DirectoryFileProblem(line: 1, .noTenants)]),
        ("a quote never closed", header + "\(contoso),\"contoso.com,,,\n", [DirectoryFileProblem(line: 2, .unclosedQuote)]),
    ] as [(String, String, [DirectoryFileProblem])])
    func aMalformedFileIsRefused(_ row: String, text: String, expected: [DirectoryFileProblem]) {
        #expect(Self.problems(text) == expected, "\(row)")
    }

    @Test func bytesThatAreNotUTF8AreRefusedWithTheirLine() {
        let bytes = Array((Self.header + "\(Self.contoso),contoso.com,,,\n").utf8) + [0xC3, 0x28] + Array(",x.com,,,\n".utf8)
        #expect(throws: DirectoryFileError(problems: [DirectoryFileProblem(line: 3, .notUTF8)], truncated: false)) {
            try DirectoryFile.entries(from: bytes)
        }
    }

    @Test func everyProblemIsListedUpToALimit() {
        let bad = (0..<30).map { "not-a-guid-\($0),contoso\($0).com,,,\n" }.joined()
        do {
            _ = try Self.read(Self.header + "\(Self.contoso),contoso.com,\(Self.sales),power_bi,active\n" + bad)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == DirectoryFile.maximumProblems)
            #expect(error.problems.map(\.line) == Array(3..<(3 + DirectoryFile.maximumProblems)))
            #expect(error.truncated)
        }
        // Several problems on one line are all named.
        #expect(Self.problems(Self.header + "x,contoso,\(Self.sales),crm,on\n").map(\.reason)
            == [.badTenantID("x"), .badDomain("contoso"), .unknownProduct("crm"), .unknownStatus("on")])
    }

    @Test func aLongValueIsCutShortInItsMessage() {
        let problem = DirectoryFileProblem(line: 9, .badTenantID(String(repeating: "x", count: 500)))
        #expect(problem.messageArguments["value"] == String(repeating: "x", count: 60) + "…")
        #expect(problem.messageArguments["line"] == "9")
    }

    @Test func everyProblemHasItsMessageInEnglishAndSpanish() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        for reason in DirectoryFileProblem.Reason.examples {
            let problem = DirectoryFileProblem(line: 2, reason)
            for locale in ["en", "es"] {
                let text = catalog.localizer(for: locale)(problem.messageKey, problem.messageArguments)
                #expect(text != problem.messageKey && !text.contains("{"), "\(locale) \(problem.messageKey): \(text)")
            }
        }
    }
}

/// The CSV reader under the directory file.
@Suite struct CSVRecordsTests {
    static func records(_ text: String, separator: Character = ",") throws -> [CSVRecords.Record] {
        var reader = CSVRecords(Array(text.utf8), separator: separator.asciiValue!)
        var all: [CSVRecords.Record] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    @Test func quotedFieldsMayHoldSeparatorsQuotesAndLineBreaks() throws {
        #expect(try Self.records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\nlast") == [
            .init(line: 1, fields: ["a", "b,c", "say \"hi\""]),
            .init(line: 2, fields: ["two\nlines", "x"]),
            .init(line: 4, fields: ["last"]),
        ])
    }

    @Test func theSeparatorIsTheFirstLines() {
        #expect(CSVRecords.separator(of: Array("a;b;c\nx,y".utf8)) == UInt8(ascii: ";"))
        #expect(CSVRecords.separator(of: Array("a,b;c\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVRecords.separator(of: Array("abc".utf8)) == UInt8(ascii: ","))
    }
}
