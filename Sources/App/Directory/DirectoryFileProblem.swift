import Claims

/// What is wrong with one line of a tenant directory file, in words an operator can act on.
public struct DirectoryFileProblem: Error, Equatable, Sendable, MessageKeyed, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case notUTF8
        case unclosedQuote
        /// No header, no rows: nothing at all.
        case empty
        /// A header and no tenant: refused, since importing it would silently turn the checks off
        /// (`cpor directory clear` does that on purpose).
        case noTenants
        case missingColumn(String)
        case unknownColumn(String)
        case duplicateColumn(String)
        case fieldCount(found: Int, expected: Int)
        case badTenantID(String)
        case badDomain(String)
        case noDomains
        case badSubscriptionID(String)
        case unknownProduct(String)
        case unknownStatus(String)
        /// Some of subscription_id, product and status, but not all three.
        case incompleteSubscription
        /// The tenant was listed before with other verified domains.
        case conflictingDomains(TenantID, firstLine: Int)
        /// The tenant was listed before, and this row adds no subscription of its own.
        case duplicateTenant(TenantID, firstLine: Int)
        case duplicateSubscription(SubscriptionID, firstLine: Int)
        /// The domain is already one of another tenant's: a verified domain belongs to one tenant.
        case domainOfAnotherTenant(DomainName, tenant: TenantID, line: Int)

        var code: String {
            switch self {
            case .notUTF8: "not_utf8"
            case .unclosedQuote: "unclosed_quote"
            case .empty: "empty"
            case .noTenants: "no_tenants"
            case .missingColumn: "missing_column"
            case .unknownColumn: "unknown_column"
            case .duplicateColumn: "duplicate_column"
            case .fieldCount: "field_count"
            case .badTenantID: "bad_tenant_id"
            case .badDomain: "bad_domain"
            case .noDomains: "no_domains"
            case .badSubscriptionID: "bad_subscription_id"
            case .unknownProduct: "unknown_product"
            case .unknownStatus: "unknown_status"
            case .incompleteSubscription: "incomplete_subscription"
            case .conflictingDomains: "conflicting_domains"
            case .duplicateTenant: "duplicate_tenant"
            case .duplicateSubscription: "duplicate_subscription"
            case .domainOfAnotherTenant: "domain_of_another_tenant"
            }
        }

        /// Every kind, with placeholder values: for checking that each has its message.
        static let examples: [Reason] = {
            let tenant = TenantID(parsing: "00000000-0000-4000-8000-000000000000")!
            return [.notUTF8, .unclosedQuote, .empty, .noTenants, .missingColumn("status"), .unknownColumn("x"),
                    .duplicateColumn("status"), .fieldCount(found: 4, expected: 5), .badTenantID("x"), .badDomain("x"),
                    .noDomains, .badSubscriptionID("x"), .unknownProduct("x"), .unknownStatus("x"), .incompleteSubscription,
                    .conflictingDomains(tenant, firstLine: 2), .duplicateTenant(tenant, firstLine: 2),
                    .duplicateSubscription(SubscriptionID(parsing: tenant.rawValue)!, firstLine: 2),
                    .domainOfAnotherTenant(DomainName(parsing: "contoso.com")!, tenant: tenant, line: 2)]
        }()
    }

    public let line: Int
    public let reason: Reason

    public init(line: Int, _ reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var messageKey: String { "directory.file.\(reason.code)" }

    public var messageArguments: [String: String] {
        var arguments = ["line": String(line)]
        switch reason {
        case .missingColumn(let column), .unknownColumn(let column), .duplicateColumn(let column):
            arguments["column"] = Self.shown(column)
        case .fieldCount(let found, let expected):
            arguments["found"] = String(found)
            arguments["expected"] = String(expected)
        case .badTenantID(let value), .badDomain(let value), .badSubscriptionID(let value), .unknownProduct(let value),
             .unknownStatus(let value):
            arguments["value"] = Self.shown(value)
        case .conflictingDomains(let tenant, let first), .duplicateTenant(let tenant, let first):
            arguments["tenant"] = tenant.rawValue
            arguments["first_line"] = String(first)
        case .duplicateSubscription(let subscription, let first):
            arguments["subscription"] = subscription.rawValue
            arguments["first_line"] = String(first)
        case .domainOfAnotherTenant(let domain, let tenant, let other):
            arguments["domain"] = domain.rawValue
            arguments["tenant"] = tenant.rawValue
            arguments["first_line"] = String(other)
        case .notUTF8, .unclosedQuote, .empty, .noTenants, .noDomains, .incompleteSubscription:
            break
        }
        return arguments
    }

    /// A value from the file as a message quotes it: a long one (a binary file, a wrong column) cut short.
    static func shown(_ value: String) -> String {
        value.count > 60 ? value.prefix(60) + "…" : value
    }

    public var description: String {
        "line \(line): \(reason.code) " + messageArguments.keys.sorted().filter { $0 != "line" }
            .map { "\($0)=\(messageArguments[$0]!)" }.joined(separator: " ")
    }
}

/// A tenant directory file that cannot be imported, with every problem found (up to
/// `DirectoryFile.maximumProblems`), in file order.
public struct DirectoryFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [DirectoryFileProblem]
    /// More problems were found than are listed.
    public let truncated: Bool

    public init(problems: [DirectoryFileProblem], truncated: Bool) {
        self.problems = problems
        self.truncated = truncated
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
