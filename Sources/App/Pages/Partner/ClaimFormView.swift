import Claims
import Storage
import Templating

/// The claim form as the template draws it: fieldsets of fields, each with its label, what was
/// typed, the message for its error, and whether the claim's state lets it change. Fields that
/// cannot change are shown as text and not sent back.
struct ClaimFormView {
    let form: ClaimForm
    var issues: [ClaimField: FieldIssue] = [:]
    let editable: Set<ClaimField>
    let locations: [PartnerLocation]
    let localizer: Localizer
    let dates: DateDisplay

    private static let fieldsets: [(legend: String, fields: [ClaimField])] = [
        ("partner.form.section.claim", [.name, .partnerLocationID]),
        ("partner.form.section.customer", [.customerName, .customerDomain, .tenantID]),
        ("partner.form.section.products", [.solutionArea, .products, .activity, .subscriptionID]),
        ("partner.form.section.customer_contact", [.customerContactName, .customerContactTitle, .customerContactEmail]),
        ("partner.form.section.partner_contact", [.partnerContactName, .partnerContactEmail]),
    ]

    var value: TemplateValue {
        .list(Self.fieldsets.map { set in
            ["legend": .string(localizer(set.legend)), "fields": .list(set.fields.map(field))]
        })
    }

    var hasErrors: Bool { !issues.isEmpty }

    /// The messages in form order, for the summary at the top of the form.
    var errorSummary: TemplateValue {
        .list(issues.keys.sorted().map { field in
            ["field": .string(field.rawValue), "label": .string(localizer(field.messageKey)),
             "message": .string(message(issues[field]!))]
        })
    }

    func message(_ issue: FieldIssue) -> String {
        switch issue {
        case .productsOutsideSolutionArea(let products):
            localizer(issue.messageKey, ["products": products.map { localizer($0.messageKey) }.joined(separator: ", ")])
        default:
            localizer.message(issue, dates: dates)
        }
    }

    private func field(_ field: ClaimField) -> TemplateValue {
        let raw = form.value(of: field)
        var object: [String: TemplateValue] = [
            "key": .string(field.rawValue),
            "label": .string(localizer(field.messageKey)),
            "value": .string(raw),
            "editable": .bool(editable.contains(field)),
            "required": .bool(field.isRequiredForDraft),
            "optional": .bool(!field.isRequiredForSubmission),
            "display": .string(display(field)),
        ]
        if let hint = localizer.lookup("partner.form.hint.\(field.rawValue)") { object["hint"] = .string(hint) }
        if let issue = issues[field] { object["error"] = .string(message(issue)) }
        object["isSelect"] = .bool([.partnerLocationID, .solutionArea, .activity].contains(field))
        object["isProducts"] = .bool(field == .products)
        object["isText"] = .bool(![.partnerLocationID, .solutionArea, .activity, .products].contains(field))
        switch field {
        case .partnerLocationID:
            object["select"] = .list([option("", localizer("partner.form.choose"), raw)]
                + locations.map { option($0.locationID, "\($0.locationID) — \($0.name)", raw) })
        case .solutionArea:
            object["select"] = .list([option("", localizer("partner.form.choose"), raw)]
                + SolutionArea.allCases.map { option($0.rawValue, localizer($0.messageKey), raw) })
        case .activity:
            object["select"] = .list([option("", localizer("partner.form.choose"), raw)]
                + Activity.allCases.map { option($0.rawValue, localizer($0.messageKey), raw) })
        case .products:
            object["productGroups"] = .list(SolutionArea.allCases.map { area in
                ["label": .string(localizer(area.messageKey)), "products": .list(area.products.map { product in
                    ["value": .string(product.rawValue), "label": .string(localizer(product.messageKey)),
                     "checked": .bool(form.products.contains(product.rawValue))]
                })]
            })
        case .customerContactEmail, .partnerContactEmail:
            object["inputType"] = "email"
        default:
            object["inputType"] = "text"
        }
        return .object(object)
    }

    private func option(_ value: String, _ label: String, _ selected: String) -> TemplateValue {
        ["value": .string(value), "label": .string(label), "selected": .bool(value == selected)]
    }

    /// A field's value as a person reads it, for fields shown read-only.
    private func display(_ field: ClaimField) -> String {
        switch field {
        case .solutionArea: SolutionArea(rawValue: form.solutionArea).map { localizer($0.messageKey) } ?? form.solutionArea
        case .activity: Activity(rawValue: form.activity).map { localizer($0.messageKey) } ?? form.activity
        case .products: form.products.map { Product(rawValue: $0).map { localizer($0.messageKey) } ?? $0 }.joined(separator: ", ")
        default: form.value(of: field)
        }
    }

    /// The form as posted: every editable field from the request, the others as they are on the claim.
    static func posted(_ submitted: SubmittedForm?, current: ClaimForm, editable: Set<ClaimField>) -> ClaimForm {
        func text(_ field: ClaimField) -> String {
            editable.contains(field) ? (submitted?.field(field.rawValue) ?? "") : current.value(of: field)
        }
        return ClaimForm(
            name: text(.name), partnerLocationID: text(.partnerLocationID), tenantID: text(.tenantID),
            customerDomain: text(.customerDomain), customerName: text(.customerName), solutionArea: text(.solutionArea),
            products: editable.contains(.products) ? (submitted?.values(ClaimField.products.rawValue) ?? []) : current.products,
            activity: text(.activity), subscriptionID: text(.subscriptionID),
            customerContactName: text(.customerContactName), customerContactTitle: text(.customerContactTitle),
            customerContactEmail: text(.customerContactEmail), partnerContactName: text(.partnerContactName),
            partnerContactEmail: text(.partnerContactEmail))
    }
}
