import HTTP
import Storage

/// The organization's audit trail, for its global admins (the route's access rule): only events
/// about their own organization's users.
struct OrganizationAuditController: Sendable {
    let events: any AuditEventStore
    let accounts: any AccountStore
    let pages: PageRenderer

    func page(before: Int64?, context: RequestContext) throws -> HTTPResponse {
        guard let organization = context.user?.organizationID else { throw HTTPError(.forbidden) }
        let found = try events.events(organizationID: organization, before: before, limit: AuditPage.pageSize + 1)
        let ids = Set(found.flatMap { [$0.actorID, $0.subjectID] }.compactMap { $0 }.map(String.init))
        let model = AuditPage(events: found, names: try accounts.userNames(ids: ids), isFirstPage: before == nil,
                              localizer: context.localizer)
        return pages.render(model, context: context)
    }
}
