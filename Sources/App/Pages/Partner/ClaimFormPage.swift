import Claims
import Storage
import Templating

/// The claim form, new or editing: fieldsets of fields, each with its label, what was typed, the
/// message for its error, and whether the claim's state lets it change. Fields that cannot change
/// are shown as text and not sent back.
struct ClaimFormPage: Page {
    static let template = "claims/form"
    var title: String
    var heading: String
    /// The claim being edited; nil for a new one.
    var claim: ClaimSummary?
    var alert: String?
    var formAction: String
    var cancelHref: String
    var version: Int
    var fieldsets: [Fieldset]
    var errorSummary: [ErrorLine]
    var canSave: Bool
    var limited: Bool

    struct Fieldset: Templated {
        var legend: String
        var fields: [Field]
        static let fields: TemplateFields<Self> = [.text("legend", \.legend), .list("fields", \.fields)]
    }

    struct ErrorLine: Templated {
        var field: String
        var label: String
        var message: String
        static let fields: TemplateFields<Self> = [.text("field", \.field), .text("label", \.label), .text("message", \.message)]
    }

    struct ProductGroup: Templated {
        var label: String
        var products: [Choice]
        static let fields: TemplateFields<Self> = [.text("label", \.label), .list("products", \.products)]
    }

    enum Input: Sendable {
        case text(type: String)
        case select([Choice])
        case products([ProductGroup])
    }

    struct Field: Templated {
        var key: String
        var label: String
        var value: String
        var display: String
        var editable: Bool
        var required: Bool
        var optional: Bool
        var hint: String?
        var error: String?
        var input: Input

        static let fields: TemplateFields<Self> = [
            .text("key", \.key), .text("label", \.label), .text("value", \.value), .text("display", \.display),
            .flag("editable", \.editable), .flag("required", \.required), .flag("optional", \.optional),
            .optional("hint", \.hint), .optional("error", \.error),
            // One attribute naming the hint and the error: a second aria-describedby is dropped by browsers.
            .text("describedBy", { field in
                [field.hint.map { _ in field.key + "-hint" }, field.error.map { _ in field.key + "-error" }]
                    .compactMap { $0 }.joined(separator: " ")
            }),
            .flag("isText", { if case .text = $0.input { true } else { false } }),
            .text("inputType", { if case .text(let type) = $0.input { type } else { "" } }),
            .flag("isSelect", { if case .select = $0.input { true } else { false } }),
            .list("select", { if case .select(let choices) = $0.input { choices } else { [] } }),
            .flag("isProducts", { if case .products = $0.input { true } else { false } }),
            .list("productGroups", { if case .products(let groups) = $0.input { groups } else { [] } }),
        ]
    }

    static let fields: TemplateFields<Self> = [
        .text("heading", \.heading), .object("claim", \.claim), .optional("alert", \.alert),
        .optional("notice", { _ in nil }), .text("formAction", \.formAction), .text("cancelHref", \.cancelHref),
        .number("version", \.version), .list("fieldsets", \.fieldsets), .list("errorSummary", \.errorSummary),
        .flag("hasErrors", { !$0.errorSummary.isEmpty }), .flag("canSave", \.canSave), .flag("limited", \.limited),
        .flag("isNew", { $0.claim == nil }),
    ]

    private static let sections: [(legend: String, fields: [ClaimField])] = [
        ("partner.form.section.claim", [.name, .partnerLocationID]),
        ("partner.form.section.customer", [.customerName, .customerDomain, .tenantID]),
        ("partner.form.section.products", [.solutionArea, .products, .activity, .subscriptionID]),
        ("partner.form.section.customer_contact", [.customerContactName, .customerContactTitle, .customerContactEmail,
                                                   .customerContactLanguage]),
        ("partner.form.section.partner_contact", [.partnerContactName, .partnerContactEmail]),
    ]

    /// - Parameters:
    ///   - claim: the claim being edited, nil for a new one; its state says which fields may change.
    ///   - refusal: why the last save was refused, with its field issues.
    init(form: ClaimForm, claim: Claim?, locations: [PartnerLocation], presenter p: ClaimPresenter, refusal: Refusal? = nil) {
        let l = p.localizer
        var form = form
        // An organization with one location has one possible answer: offer it chosen.
        if claim == nil, form.partnerLocationID.isEmpty, locations.count == 1 { form.partnerLocationID = locations[0].locationID }
        let editable = claim?.state.editableFields ?? Set(ClaimField.allCases)
        // The customer is written to in the partner's language unless the partner says otherwise.
        if form.customerContactLanguage.isEmpty, editable.contains(.customerContactLanguage) { form.customerContactLanguage = l.locale }
        var issues: [ClaimField: FieldIssue] = [:]
        if case .fields(let found)? = refusal?.place { issues = found }
        if let claim {
            title = l("partner.edit.title", ["claim": claim.details.name])
            self.claim = p.summary(claim)
            formAction = Route.claimPage(claim.id, .edit).href
            cancelHref = Route.claim(claim.id).href
            version = claim.version
        } else {
            title = l("partner.new.title")
            self.claim = nil
            formAction = Route.newClaim(from: nil).href
            cancelHref = Route.dashboard.href
            version = 0
        }
        heading = title
        alert = refusal?.alert
        canSave = !editable.isEmpty
        limited = editable.count < ClaimField.allCases.count && !editable.isEmpty
        errorSummary = issues.keys.sorted().map { field in
            ErrorLine(field: field.rawValue, label: l(field.messageKey), message: Self.message(issues[field]!, presenter: p))
        }
        fieldsets = Self.sections.map { section in
            Fieldset(legend: l(section.legend), fields: section.fields.map { field in
                Self.field(field, form: form, editable: editable.contains(field), issue: issues[field],
                           locations: locations, presenter: p)
            })
        }
    }

    static func message(_ issue: FieldIssue, presenter p: ClaimPresenter) -> String {
        switch issue {
        case .productsOutsideSolutionArea(let products):
            p.localizer(issue.messageKey, ["products": p.words(products)])
        default:
            p.localizer.message(issue)
        }
    }

    private static func field(_ field: ClaimField, form: ClaimForm, editable: Bool, issue: FieldIssue?,
                              locations: [PartnerLocation], presenter p: ClaimPresenter) -> Field {
        let l = p.localizer
        let raw = form.value(of: field)
        let choose = Choice(value: "", label: l("partner.form.choose"), selected: raw.isEmpty)
        let input: Input
        switch field {
        case .partnerLocationID:
            input = .select([choose] + locations.map {
                Choice(value: $0.locationID, label: "\($0.locationID) — \($0.name)", selected: $0.locationID == raw)
            })
        case .solutionArea:
            input = .select([choose] + p.choices(SolutionArea.allCases) { $0.rawValue == raw })
        case .activity:
            input = .select([choose] + p.choices(Activity.allCases) { $0.rawValue == raw })
        case .products:
            // Once a solution area is chosen, only its products are offered (plus any already ticked).
            let chosen = SolutionArea(rawValue: form.solutionArea)
            let areas = SolutionArea.allCases.filter { area in
                chosen == nil || area == chosen || area.products.contains { form.products.contains($0.rawValue) }
            }
            input = .products(areas.map { area in
                ProductGroup(label: l(area.messageKey), products: p.choices(area.products) { form.products.contains($0.rawValue) })
            })
        case .customerContactEmail, .partnerContactEmail:
            input = .text(type: "email")
        case .customerContactLanguage:
            input = .select(p.languages.map { Choice(value: $0.code, label: $0.name, selected: $0.code == raw) })
        default:
            input = .text(type: "text")
        }
        return Field(key: field.rawValue, label: l(field.messageKey), value: raw, display: display(field, form: form, localizer: l, languages: p.languages),
                     editable: editable, required: field.isRequiredForDraft,
                     optional: !field.isRequiredForSubmission && field != .customerContactLanguage,  // a select with no empty choice
                     hint: l.lookup("partner.form.hint.\(field.rawValue)"), error: issue.map { message($0, presenter: p) },
                     input: input)
    }

    /// A field's value as a person reads it, for fields shown read-only.
    private static func display(_ field: ClaimField, form: ClaimForm, localizer: Localizer, languages: [Layout.LanguageOption]) -> String {
        switch field {
        case .customerContactLanguage: languages.first { $0.code == form.customerContactLanguage }?.name ?? form.customerContactLanguage
        case .solutionArea: SolutionArea(rawValue: form.solutionArea).map { localizer($0.messageKey) } ?? form.solutionArea
        case .activity: Activity(rawValue: form.activity).map { localizer($0.messageKey) } ?? form.activity
        case .products: form.products.map { Product(rawValue: $0).map { localizer($0.messageKey) } ?? $0 }.joined(separator: ", ")
        default: form.value(of: field)
        }
    }

    /// The form as posted: every editable field from the request, the others as they are on the claim.
    static func posted(_ submitted: SubmittedForm, current: ClaimForm, editable: Set<ClaimField>) -> ClaimForm {
        func text(_ field: ClaimField) -> String {
            editable.contains(field) ? (submitted.field(field.rawValue) ?? "") : current.value(of: field)
        }
        return ClaimForm(
            name: text(.name), partnerLocationID: text(.partnerLocationID), tenantID: text(.tenantID),
            customerDomain: text(.customerDomain), customerName: text(.customerName), solutionArea: text(.solutionArea),
            products: editable.contains(.products) ? submitted.values(ClaimField.products.rawValue) : current.products,
            activity: text(.activity), subscriptionID: text(.subscriptionID),
            customerContactName: text(.customerContactName), customerContactTitle: text(.customerContactTitle),
            customerContactEmail: text(.customerContactEmail), partnerContactName: text(.partnerContactName),
            partnerContactEmail: text(.partnerContactEmail), customerContactLanguage: text(.customerContactLanguage))
    }
}
