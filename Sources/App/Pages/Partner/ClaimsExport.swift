import Claims
import Storage

/// The dashboard's rows as CSV, with every filter applied and no paging: the same words as the
/// page in the reader's language, with its spreadsheets' separator (`csv.separator`), and
/// deadlines and times in ISO 8601 so they stay machine-readable.
struct ClaimsExport {
    let table: CSVTable

    init(rows: [DashboardRow], localizer l: Localizer) {
        let dates = l.dates
        var csv = CSVTable(separator: l("csv.separator").unicodeScalars.first ?? ",", header: [
            "partner.csv.id", "partner.column.name", "partner.column.customer", "partner.csv.domain", "partner.column.tenant",
            "partner.column.area", "partner.column.products", "partner.column.activity", "partner.column.state",
            "partner.csv.deadline", "partner.csv.deadline_at", "partner.column.updated",
        ].map { l($0) })
        for row in rows {
            csv.append([
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
        table = csv
    }
}
