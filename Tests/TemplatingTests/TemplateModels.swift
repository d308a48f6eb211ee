import Templating

// Page models for the compiled-template tests, each with the `TemplateValue` the dynamic
// renderer would get for it, so both renderers can be fed the same page.

struct Page: Templated {
    var title = "Claims"
    var subtitle: String? = nil
    var count = 0
    var admin = false
    var tags: [String] = []
    var rows: [Row] = []
    var owner: Person? = nil
    var currency = "EUR"

    static let fields: TemplateFields<Page> = [
        .text("title", \.title),
        .optional("subtitle", \.subtitle),
        .number("count", \.count),
        .flag("admin", \.admin),
        .strings("tags", \.tags),
        .list("rows", \.rows),
        .object("owner", \.owner),
        .text("currency", \.currency),
    ]

    var value: TemplateValue {
        [
            "title": .string(title), "subtitle": TemplateValue(subtitle), "count": .int(count),
            "admin": .bool(admin), "tags": .list(tags.map(TemplateValue.string)),
            "rows": .list(rows.map(\.value)), "owner": owner?.value ?? .null, "currency": .string(currency),
        ]
    }
}

struct Row: Templated {
    var name: String
    var amount = 0
    var currency: String? = nil
    var notes: [String] = []
    var children: [Row] = []

    static let fields: TemplateFields<Row> = [
        .text("name", \.name),
        .number("amount", \.amount),
        .optional("currency", \.currency),
        .strings("notes", \.notes),
        .list("children", \.children),
    ]

    var value: TemplateValue {
        [
            "name": .string(name), "amount": .int(amount), "currency": TemplateValue(currency),
            "notes": .list(notes.map(TemplateValue.string)), "children": .list(children.map(\.value)),
        ]
    }
}

struct Person: Templated {
    var name: String
    var email: String? = nil
    var address = Address(city: "Ghent")

    static let fields: TemplateFields<Person> = [
        .text("name", \.name),
        .optional("email", \.email),
        .object("address", \.address),
    ]

    var value: TemplateValue {
        ["name": .string(name), "email": TemplateValue(email), "address": ["city": .string(address.city)]]
    }
}

struct Address: Templated {
    var city: String

    static let fields: TemplateFields<Address> = [.text("city", \.city)]
}

/// What every page's layout shows: the signed-in user and the form token.
struct Chrome: Templated {
    var title = "cpor"
    var csrf = "token"
    var user: String? = nil

    static let fields: TemplateFields<Chrome> = [
        .text("title", \.title),
        .text("csrf", \.csrf),
        .optional("user", \.user),
    ]
}

/// Template `name` from `templates`, compiled for `Model` and rendered as text.
func renderCompiled<Model: Templated>(
    _ templates: [String: String], _ model: Model, name: String = "page", messages: [String: String] = [:]
) throws -> String {
    let compiled = try TemplateSet(templates: templates).compile(name, for: Model.self, messages: { messages[$0] })
    return String(decoding: compiled.render(model), as: UTF8.self)
}

/// The error compiling template `name` for `Model` fails with, or nil when it compiles.
func compileError<Model: Templated>(
    _ templates: [String: String], _ name: String = "page", for model: Model.Type, messages: [String: String] = [:]
) -> TemplateError? {
    do {
        _ = try TemplateSet(templates: templates).compile(name, for: Model.self, messages: { messages[$0] })
        return nil
    } catch {
        return error
    }
}
