import App
import Foundation
import Mail
import Storage

extension CPORCommand {
    /// `--smtp host:port` / CPOR_SMTP (with CPOR_SMTP_USER and CPOR_SMTP_PASSWORD, from the
    /// environment only so they stay out of `ps`), `--mail-from`, `--base-url`.
    static func mailSettings(_ options: CommandLineOptions, environment: [String: String]) throws -> MailSettings {
        var settings = MailSettings()
        if let server = options.value("smtp", env: "CPOR_SMTP") {
            let parts = server.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2, let host = parts.first, !host.isEmpty else {
                throw CommandLineOptions.UsageError("cli.error.smtp", ["value": server])
            }
            var port = 25
            if parts.count == 2 {
                guard let number = Int(parts[1]), (1...65535).contains(number) else {
                    throw CommandLineOptions.UsageError("cli.error.smtp_port", ["value": String(parts[1])])
                }
                port = number
            }
            settings.smtp = SMTPConfiguration(host: String(host), port: port,
                                              username: environment["CPOR_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 },
                                              password: environment["CPOR_SMTP_PASSWORD"], timeout: .seconds(20))
        }
        if let from = options.value("mail-from", env: "CPOR_MAIL_FROM") {
            settings.from = try mailbox(from)
        }
        if let base = options.value("base-url", env: "CPOR_BASE_URL") {
            guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw CommandLineOptions.UsageError("cli.error.base_url", ["value": base])
            }
            settings.baseURL = base
        }
        return settings
    }

    /// "Name <address>" or a bare address.
    static func mailbox(_ text: String) throws -> MailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var address = MailAddress(address: trimmed)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            address = MailAddress(address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]),
                                  name: name.isEmpty ? nil : name)
        }
        guard address.isDeliverable else {
            throw CommandLineOptions.UsageError("cli.error.mail_from", ["value": text])
        }
        return address
    }

    /// `cpor outbox [--db PATH] [--limit N]`: the recent outbox, newest first, with each consent
    /// link while it still exists (queued, or in the .eml copy once delivered to the mail folder).
    static func outbox(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [],
                                             valueNames: Set(["db", "data", "limit", "host", "port"] + mailOptionNames),
                                             environment: environment)
        let configuration = try configuration(options)
        let limit = Int(options.value("limit") ?? "20") ?? 20
        let store = try OpenedStore.open(configuration)
        defer { store.close() }
        let application = try Application(configuration: configuration, stores: store.stores, documents: store.documents, log: { _ in })
        let entries = try application.outboxListing(linkBase: configuration.linkBase).recent(limit: limit)
        if entries.isEmpty { terminal.say("cli.outbox.empty") }
        for entry in entries {
            let message = entry.message
            var line = [
                "id": String(message.id), "created": message.createdAt.ISO8601Format(), "status": message.status.rawValue,
                "attempts": terminal(CatalogMessage("cli.outbox.attempts", count: message.attempts)),
                "kind": message.email.kind.rawValue, "claim": message.email.claimID?.rawValue ?? "-", "recipient": "\(message.email.recipient)",
            ]
            line["sent"] = message.sentAt?.ISO8601Format()
            terminal.say(message.sentAt == nil ? "cli.outbox.entry" : "cli.outbox.entry.sent", line)
            terminal.print("    \(entry.subject)")
            if let error = message.lastError { terminal.print("    " + terminal("cli.outbox.last_error", ["error": error])) }
            for link in entry.links { terminal.print("    \(link)") }
        }
        return 0
    }

    /// One pass over the due outbox with the configured transport, as `serve`'s worker does.
    static func deliverDue(_ configuration: AppConfiguration, store: OpenedStore, now: Date) throws -> DeliveryWorker.Report {
        guard try !store.stores.outbox.due(at: now, limit: 1).isEmpty else { return DeliveryWorker.Report() }
        let application = try Application(configuration: configuration, stores: store.stores, documents: store.documents,
                                          log: { Console.print($0) })
        let worker = application.deliveryWorker(linkBase: configuration.linkBase, now: { now })
        var total = DeliveryWorker.Report()
        // Until nothing is left that is due now; a message that failed waits for a later `now`.
        while true {
            let report = worker.deliverDue()
            total.sent += report.sent
            total.retrying += report.retrying
            total.failed += report.failed
            if report == DeliveryWorker.Report() || report.sent == 0 { return total }
        }
    }
}
