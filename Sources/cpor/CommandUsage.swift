/// How to call one command, for `cpor help` and `cpor <command> --help`: a synopsis in option names
/// and values, which read the same in every language, and a description from the catalog, in
/// `cli.usage.<command>`. A new command adds its entry to `all` and its key to each
/// `Templates/locales/*/cli.txt`.
struct CommandUsage {
    let command: String
    let synopsis: String

    var descriptionKey: String { "cli.usage." + command }

    /// In the order `cpor help` lists them.
    static let all = [
        CommandUsage(command: "serve", synopsis: """
            cpor serve [--host 127.0.0.1] [--port 8080] [--db ./data/cpor.sqlite | postgres://…] [--demo]
                       [--data ./data]
                       [--templates ./Templates] [--public ./Public] [--secure-cookies]
                       [--policy standard|2023] [--time-zone Europe/Madrid] [--holidays 2026-12-25,2027-01-01]
                       [--smtp host:port] [--mail-from "Name <addr>"] [--base-url https://cpor.example]
                       [--timer-interval 60] [--programme-name NAME] [--contact-email E] [--privacy-url URL]
                       [--log-format text|json] [--locale en|es] [--max-connections-per-address 64]
                       [--session-idle-minutes 30] [--session-max-hours 12]
            """),
        CommandUsage(command: "outbox", synopsis: """
            cpor outbox [--db PATH] [--limit 20] [--base-url URL | --host H --port P]
            """),
        CommandUsage(command: "tick", synopsis: """
            cpor tick [--now 2026-12-01T09:00:00Z] [--db PATH | postgres://…] [--data DIR] [--no-mail] [--policy …]
                      [--time-zone …]
            """),
        CommandUsage(command: "seed", synopsis: """
            cpor seed --db PATH | postgres://… [--data DIR] --claims N [--organizations N] [--due N]
                      [--now 2026-12-01T09:00:00Z]
            """),
        CommandUsage(command: "check", synopsis: """
            cpor check [--db PATH | postgres://…] [--data DIR] [--stuck-after 60]
            """),
        CommandUsage(command: "backup", synopsis: """
            cpor backup PATH [--db PATH]
            """),
        CommandUsage(command: "restore", synopsis: """
            cpor restore PATH [--db PATH]
            """),
        CommandUsage(command: "directory", synopsis: """
            cpor directory import FILE.csv | show | clear [--db PATH]
            """),
        CommandUsage(command: "migrate-store", synopsis: """
            cpor migrate-store --from ./data/cpor.sqlite --to postgres://user:password@host:5432/database [--data ./data]
            """),
        CommandUsage(command: "user", synopsis: """
            cpor user add --email E --name N --role global_admin|incentives_admin|billing_admin|reviewer
                          [--organization NAME] [--db PATH]
            """),
    ]

    /// The variables `cpor` reads, for the end of the help.
    static let environmentNames = [
        "CPOR_HOST", "CPOR_PORT", "CPOR_DB", "CPOR_DATA", "CPOR_TEMPLATES", "CPOR_PUBLIC", "CPOR_SECURE_COOKIES",
        "CPOR_POLICY", "CPOR_TIME_ZONE", "CPOR_HOLIDAYS", "CPOR_SMTP", "CPOR_SMTP_USER", "CPOR_SMTP_PASSWORD",
        "CPOR_MAIL_FROM", "CPOR_BASE_URL", "CPOR_TIMER_INTERVAL", "CPOR_PROGRAMME_NAME",
        "CPOR_CONTACT_EMAIL", "CPOR_PRIVACY_URL", "CPOR_LOG_FORMAT", "CPOR_LOCALE",
        "CPOR_MAX_CONNECTIONS_PER_ADDRESS", "CPOR_SESSION_IDLE_MINUTES", "CPOR_SESSION_MAX_HOURS",
    ]

    /// Where descriptions wrap: a little past the widest synopsis line (103 characters).
    static let width = 106

    static func named(_ command: String) -> CommandUsage? {
        all.first { $0.command == command }
    }

    /// The help for `usages` (every command's by default): "usage:", each synopsis with its
    /// description, then the environment and the options every command takes.
    static func help(_ terminal: Terminal, for usages: [CommandUsage] = all) -> String {
        var lines = [terminal("cli.usage.heading")]
        for usage in usages {
            lines += usage.synopsis.split(separator: "\n").map { "  " + $0 }
            lines += wrap("(" + terminal(usage.descriptionKey) + ")", first: String(repeating: " ", count: 8),
                          rest: String(repeating: " ", count: 9))
        }
        let label = terminal("cli.usage.environment") + " "
        let indent = String(repeating: " ", count: label.count)
        lines += wrap(environmentNames.joined(separator: ", "), first: label, rest: indent)
        lines += wrap(terminal("cli.usage.metrics_token"), first: indent, rest: indent + "  ")
        lines += wrap(terminal("cli.usage.language", ["languages": terminal.languages.joined(separator: "|")]),
                      first: "", rest: "  ")
        return lines.joined(separator: "\n")
    }

    /// `text` in lines of at most `width` characters where its words allow, the first starting
    /// with `first` and the others with `rest`.
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWords = false
        for word in text.split(separator: " ") {
            if lineHasWords && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        lines.append(line)
        return lines
    }
}
