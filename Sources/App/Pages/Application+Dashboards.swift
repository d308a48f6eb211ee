import HTTP
import Templating

extension Application {
    func claimsDashboard(context: RequestContext) throws -> HTTPResponse {
        let l = context.localizer
        return try pages.render("claims/index", title: l("claims.title"), [:], context: context)
    }
}
