import HTTP
import Templating

/// A page of the service: a typed model, its template, and its title.
protocol Page: Templated {
    /// The template's name under `Templates/`, without `.html`.
    static var template: String { get }
    /// What the browser's tab and the layout's `<title>` say.
    var title: String { get }
}

/// Every page's template compiled against its model, once per locale, at start-up: a template that
/// names something its model lacks, or a message its locale lacks, stops the service with the file
/// and line. Rendering is then a walk over slots into one byte buffer.
struct PageRenderer: Sendable {
    /// Every page the service renders; a template without a model here is never compiled.
    static let pages: [any Page.Type] = [
        LoginPage.self, ErrorPage.self,
        PartnerDashboardPage.self, ClaimShowPage.self, ClaimHistoryPage.self, ClaimFormPage.self, ClaimConfirmPage.self,
        RespondPage.self, DisputePage.self, UsersPage.self, AuditPage.self,
        AccountPage.self, PasswordChangePage.self, SetPasswordPage.self, PasswordLinkUnknownPage.self,
        ReviewerQueuePage.self, ReviewClaimPage.self, ReviewConfirmPage.self, OutboxPage.self,
        ConsentPage.self, ConsentUnknownPage.self,
    ]

    private let compiled: [String: [ObjectIdentifier: any Sendable]]
    private let defaultLocale: String

    init(templates: TemplateSet, catalog: MessageCatalog) throws(TemplateError) {
        var compiled: [String: [ObjectIdentifier: any Sendable]] = [:]
        for locale in catalog.locales {
            let localizer = catalog.localizer(for: locale)
            var pages: [ObjectIdentifier: any Sendable] = [:]
            for page in Self.pages {
                pages[ObjectIdentifier(page)] = try Self.compile(page, templates: templates, localizer: localizer)
            }
            compiled[locale] = pages
        }
        self.compiled = compiled
        self.defaultLocale = catalog.defaultLocale
    }

    private static func compile<P: Page>(_ page: P.Type, templates: TemplateSet,
                                         localizer: Localizer) throws(TemplateError) -> any Sendable {
        try templates.compile(P.template, for: P.self, layout: "layout", layoutModel: Layout.self,
                              messages: { localizer.lookup($0) })
    }

    /// The page inside the layout, as an HTML response.
    func render<P: Page>(_ page: P, status: HTTPStatus = .ok, context: RequestContext) -> HTTPResponse {
        let locale = context.localizer.locale
        let pages = compiled[locale] ?? compiled[defaultLocale]!
        // Registered in `pages` above; a page missing there fails its first test, not a user.
        guard let template = pages[ObjectIdentifier(P.self)] as? CompiledPage<Layout, P> else {
            preconditionFailure("\(P.self) is not in PageRenderer.pages")
        }
        let bytes = template.render(page, layout: context.layout(title: page.title))
        return HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(bytes))
    }
}
