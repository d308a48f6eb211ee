import Claims
import Foundation

/// The tenant directory file an operator imports with `cpor directory import`: CSV (RFC 4180,
/// UTF-8), comma- or semicolon-separated, with this header, columns in any order:
///
///     tenant_id,domains,subscription_id,product,status
///
/// One row per subscription; a tenant with several repeats its ID and domains on each row, and a
/// tenant with none has one row with the subscription columns empty. `domains` lists the tenant's
/// verified domains separated by semicolons or spaces (quote the field in a semicolon-separated
/// file). `product` is a product's identifier (`dynamics_365_sales` …), `status` is `active`,
/// `grace` or `disabled`. A verified domain and a subscription belong to one tenant only.
///
/// The file is taken whole or not at all: every problem is reported with its line, and nothing
/// is imported while there is one.
public enum DirectoryFile {
    public static let columns = ["tenant_id", "domains", "subscription_id", "product", "status"]
    /// Problems listed before the reader gives up: enough to fix a file in a few rounds.
    public static let maximumProblems = 20

    public static func entries(from bytes: [UInt8]) throws(DirectoryFileError) -> [TenantDirectoryEntry] {
        var reader = Reader(bytes)
        do throws(CSVRecords.Failure) {
            try reader.read()
        } catch {
            switch error {
            case .notUTF8(let line): reader.report(line, .notUTF8)
            case .unclosedQuote(let line): reader.report(line, .unclosedQuote)
            }
        }
        return try reader.result()
    }

    /// The file's rows gathered into tenants, with every problem found on the way.
    private struct Reader {
        private var records: CSVRecords
        private var problems: [DirectoryFileProblem] = []
        private var truncated = false
        private var position: [String: Int] = [:]
        private var tenants: [TenantID: Tenant] = [:]
        private var order: [TenantID] = []
        private var subscriptionLines: [SubscriptionID: Int] = [:]
        private var domainOwners: [DomainName: (tenant: TenantID, line: Int)] = [:]

        private struct Tenant {
            let line: Int
            let domains: Set<DomainName>
            var subscriptions: [DirectorySubscription] = []
        }

        init(_ bytes: [UInt8]) {
            records = CSVRecords(bytes, separator: CSVRecords.separator(of: bytes))
        }

        var isFull: Bool { problems.count >= DirectoryFile.maximumProblems }

        mutating func report(_ line: Int, _ reason: DirectoryFileProblem.Reason) {
            if isFull { truncated = true } else { problems.append(DirectoryFileProblem(line: line, reason)) }
        }

        mutating func read() throws(CSVRecords.Failure) {
            guard let header = try nextRecord() else {
                report(1, .empty)
                return
            }
            readHeader(header)
            guard problems.isEmpty else { return }
            var rows = 0
            while let record = try nextRecord() {
                rows += 1
                readRow(record)
                if isFull {
                    truncated = true
                    return
                }
            }
            if rows == 0 { report(header.line, .noTenants) }
        }

        /// The next record that is not a blank line.
        private mutating func nextRecord() throws(CSVRecords.Failure) -> CSVRecords.Record? {
            while let record = try records.next() {
                if record.fields.count == 1, record.fields[0].allSatisfy(\.isWhitespace) { continue }
                return record
            }
            return nil
        }

        private mutating func readHeader(_ header: CSVRecords.Record) {
            for (index, name) in header.fields.enumerated() {
                let column = name.trimmingBlanks.lowercased()
                if !DirectoryFile.columns.contains(column) {
                    report(header.line, .unknownColumn(column))
                } else if position[column] != nil {
                    report(header.line, .duplicateColumn(column))
                } else {
                    position[column] = index
                }
            }
            for column in DirectoryFile.columns where position[column] == nil {
                report(header.line, .missingColumn(column))
            }
        }

        private mutating func readRow(_ record: CSVRecords.Record) {
            let line = record.line
            guard record.fields.count == DirectoryFile.columns.count else {
                report(line, .fieldCount(found: record.fields.count, expected: DirectoryFile.columns.count))
                return
            }
            func value(_ column: String) -> String { record.fields[position[column]!].trimmingBlanks }
            let problemsBefore = problems.count

            let tenantText = value("tenant_id")
            let tenant = TenantID(parsing: tenantText)
            if tenant == nil { report(line, .badTenantID(tenantText)) }

            var domains = Set<DomainName>()
            let names = value("domains").split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" })
            if names.isEmpty { report(line, .noDomains) }
            for name in names {
                if let domain = DomainName(parsing: String(name)) { domains.insert(domain) } else { report(line, .badDomain(String(name))) }
            }

            let subscription = readSubscription(value("subscription_id"), value("product"), value("status"), line: line)
            guard let tenant, problems.count == problemsBefore else { return }
            add(tenant, domains: domains, subscription: subscription, line: line)
        }

        /// Nil when the row has no subscription (or a problem, already reported).
        private mutating func readSubscription(_ id: String, _ product: String, _ status: String, line: Int) -> DirectorySubscription? {
            if id.isEmpty, product.isEmpty, status.isEmpty { return nil }
            guard !id.isEmpty, !product.isEmpty, !status.isEmpty else {
                report(line, .incompleteSubscription)
                return nil
            }
            let parsedID = SubscriptionID(parsing: id)
            if parsedID == nil { report(line, .badSubscriptionID(id)) }
            let parsedProduct = Product(rawValue: product.lowercased())
            if parsedProduct == nil { report(line, .unknownProduct(product)) }
            let parsedStatus = SubscriptionStatus(rawValue: status.lowercased())
            if parsedStatus == nil { report(line, .unknownStatus(status)) }
            guard let parsedID, let parsedProduct, let parsedStatus else { return nil }
            return DirectorySubscription(id: parsedID, product: parsedProduct, status: parsedStatus)
        }

        private mutating func add(_ tenant: TenantID, domains: Set<DomainName>, subscription: DirectorySubscription?, line: Int) {
            if let known = tenants[tenant] {
                guard known.domains == domains else { return report(line, .conflictingDomains(tenant, firstLine: known.line)) }
                guard let subscription, !known.subscriptions.isEmpty else {
                    return report(line, .duplicateTenant(tenant, firstLine: known.line))
                }
                guard claim(subscription, line: line) else { return }
                tenants[tenant]?.subscriptions.append(subscription)
                return
            }
            for domain in domains.sorted() {
                if let owner = domainOwners[domain], owner.tenant != tenant {
                    return report(line, .domainOfAnotherTenant(domain, tenant: owner.tenant, line: owner.line))
                }
            }
            if let subscription, !claim(subscription, line: line) { return }
            for domain in domains { domainOwners[domain] = (tenant, line) }
            tenants[tenant] = Tenant(line: line, domains: domains, subscriptions: subscription.map { [$0] } ?? [])
            order.append(tenant)
        }

        /// Records where a subscription is first listed; false (and a problem) when it already was.
        private mutating func claim(_ subscription: DirectorySubscription, line: Int) -> Bool {
            if let first = subscriptionLines[subscription.id] {
                report(line, .duplicateSubscription(subscription.id, firstLine: first))
                return false
            }
            subscriptionLines[subscription.id] = line
            return true
        }

        func result() throws(DirectoryFileError) -> [TenantDirectoryEntry] {
            guard problems.isEmpty else { throw DirectoryFileError(problems: problems, truncated: truncated) }
            return order.map { tenant in
                let found = tenants[tenant]!
                return TenantDirectoryEntry(tenantID: tenant, domains: Array(found.domains), subscriptions: found.subscriptions)
            }
        }
    }
}

extension String {
    /// Without the spaces and tabs around it: what a spreadsheet leaves around a value. Looks at
    /// bytes rather than Unicode properties, since a directory file has hundreds of thousands of values.
    var trimmingBlanks: String {
        let bytes = utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isBlank($0) })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
