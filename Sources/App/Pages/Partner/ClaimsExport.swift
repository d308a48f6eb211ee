import Claims
import Storage

/// The dashboard's rows as CSV, with every filter applied and no paging: the same words as the
/// page in the reader's language, with its spreadsheets' separator (`csv.separator`), and
/// deadlines and times in ISO 8601 so they stay machine-readable. Rows come a page at a time and
/// leave as text with `takeBytes()`, so a large organization's export never sits whole in memory.
struct ClaimsExport {
    /// Rows read and written at a time.
    static let pageSize = 500

    private var table: CSVTable
    private var started = false
    private let localizer: Localizer

    init(localizer l: Localizer) {
        localizer = l
        table = CSVTable(separator: l("csv.separator").unicodeScalars.first ?? ",", header: [
            "partner.csv.id", "partner.column.name", "partner.column.customer", "partner.csv.domain", "partner.column.tenant",
            "partner.column.area", "partner.column.products", "partner.column.activity", "partner.column.state",
            "partner.csv.deadline", "partner.csv.deadline_at", "partner.column.updated",
        ].map { l($0) })
    }

    mutating func append(_ rows: [DashboardRow]) {
        let l = localizer
        let dates = l.dates
        for row in rows {
            table.append([
                row.id.rawValue, row.name, row.customerName, row.customerDomain, row.tenantID ?? "",
                row.solutionArea.map { l($0.messageKey) } ?? "",
                row.products.map { l($0.messageKey) }.joined(separator: "; "),
                row.activity.map { l($0.messageKey) } ?? "",
                l(Claim.statusMessageKey(state: row.state, sentForIncentiveEvaluation: row.sentForIncentiveEvaluation,
                                         endCause: row.endCause)),
                row.deadline.map { l($0.kind.messageKey) } ?? "",
                row.deadline.map { dates.iso($0.dueAt) } ?? "",
                dates.iso(row.updatedAt),
            ])
        }
    }

    /// The file's bytes since the last call: the byte-order mark and header first, then the rows.
    mutating func takeBytes() -> [UInt8] {
        var bytes = started ? [] : CSVTable.byteOrderMark
        started = true
        bytes += table.takeText().utf8
        return bytes
    }
}
