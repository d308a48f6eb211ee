import Claims
import Foundation

/// What the pages read besides single claims: the partner's dashboard, the review queue, their
/// counts, and a claim found by its consent link. A store that serves the web app implements
/// this on top of `ClaimStore`.
public protocol ClaimQueries: ClaimStore {
    func dashboard(_ query: DashboardQuery) throws -> DashboardPage
    /// Every row `query` matches from its cursor on, in pages of `query.limit` rows read by keyset,
    /// all from one snapshot: a claim changed meanwhile is neither skipped nor listed twice, as it
    /// could be if it moved between pages read apart. `body` runs inside that read, so keep it brief.
    func forEachDashboardPage(_ query: DashboardQuery, _ body: (DashboardPage) throws -> Void) throws
    func stateCounts(organizationID: Int64) throws -> [ClaimState: Int]
    func reviewQueue(_ query: ReviewQueueQuery) throws -> ReviewQueuePage
    func reviewQueueCounts(at now: Date) throws -> ReviewQueueCounts
    /// The claim whose current approval's consent link carries `token`; nil for any other token.
    func claim(consentToken token: ConsentToken) throws -> Claim?
}

extension SQLiteClaimStore: ClaimQueries {}
