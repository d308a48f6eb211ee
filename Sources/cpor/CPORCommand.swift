import App
import Claims
import Foundation
import HTTP
import Mail
import Secrets
import Seeding
import Storage

/// The `cpor` command line: `serve` runs the service, `user add` creates an account.
enum CPORCommand {
    /// Each command's usage, in the order `cpor help` lists them.
    static let usages: [(command: String, text: String)] = [
        ("serve", """
          cpor serve [--host 127.0.0.1] [--port 8080] [--db ./data/cpor.sqlite] [--demo]
                     [--templates ./Templates] [--public ./Public] [--secure-cookies]
                     [--policy standard|2023] [--time-zone Europe/Madrid] [--holidays 2026-12-25,2027-01-01]
                     [--smtp host:port] [--mail-from "Name <addr>"] [--base-url https://cpor.example]
                     [--timer-interval 60] [--programme-name NAME] [--contact-email E] [--privacy-url URL]
                     [--log-format text|json] [--session-idle-minutes 30] [--session-max-hours 12]
                (runs the service; --demo fills an empty database with demo accounts and claims)
        """),
        ("outbox", """
          cpor outbox [--db PATH] [--limit 20] [--base-url URL | --host H --port P]
                (recent e-mails, with consent links while they exist; links start at --base-url,
                 else at the address the server listens on)
        """),
        ("tick", """
          cpor tick [--now 2026-12-01T09:00:00Z] [--db PATH] [--no-mail] [--policy …] [--time-zone …]
                (one timer sweep, then one delivery pass)
        """),
        ("seed", """
          cpor seed --db PATH --claims N [--organizations N] [--due N] [--now 2026-12-01T09:00:00Z]
                (sample claims for benchmarks and load tests, written fast; the demo accounts too)
        """),
        ("check", """
          cpor check [--db PATH] [--stuck-after 60]
                (integrity, foreign keys, schema, every document against its SHA-256, orphan files,
                 stuck e-mails; read-only, safe while serving; exits 1 on any problem)
        """),
        ("backup", """
          cpor backup PATH [--db PATH]
                (a consistent copy of the store into the new folder PATH, taken while serving)
        """),
        ("restore", """
          cpor restore PATH [--db PATH]
                (a backup into a data folder with no database yet; stop the service first)
        """),
        ("user", """
          cpor user add --email E --name N --role global_admin|incentives_admin|billing_admin|reviewer
                        [--organization NAME] [--db PATH] [--templates ./Templates]
                (password read from CPOR_PASSWORD or stdin, under the service's password rules)
        """),
    ]

    static let environmentHelp = """
        environment: CPOR_HOST, CPOR_PORT, CPOR_DB, CPOR_TEMPLATES, CPOR_PUBLIC, CPOR_SECURE_COOKIES,
                     CPOR_POLICY, CPOR_TIME_ZONE, CPOR_HOLIDAYS, CPOR_SMTP, CPOR_SMTP_USER, CPOR_SMTP_PASSWORD,
                     CPOR_MAIL_FROM, CPOR_BASE_URL, CPOR_TIMER_INTERVAL, CPOR_PROGRAMME_NAME,
                     CPOR_CONTACT_EMAIL, CPOR_PRIVACY_URL, CPOR_LOG_FORMAT, CPOR_SESSION_IDLE_MINUTES,
                     CPOR_SESSION_MAX_HOURS,
                     CPOR_METRICS_TOKEN (lets /metrics answer non-loopback clients that send it as a bearer token)
        """

    static var usage: String {
        "usage:\n" + usages.map(\.text).joined(separator: "\n") + "\n" + environmentHelp
    }

    /// One command's usage, for `cpor <command> --help`.
    static func usage(of command: String) -> String? {
        usages.first { $0.command == command }.map { "usage:\n" + $0.text + "\n" + environmentHelp }
    }

    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let words = Array(arguments.dropFirst())
        if let command = words.first, words.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }),
           let usage = usage(of: command) {
            Console.print(usage)
            return 0
        }
        do {
            switch words.first {
            case "serve":
                return try serve(Array(words.dropFirst()), environment: environment)
            case "outbox":
                return try outbox(Array(words.dropFirst()), environment: environment)
            case "user" where words.dropFirst().first == "add":
                return try addUser(Array(words.dropFirst(2)), environment: environment)
            case "seed":
                return try seed(Array(words.dropFirst()), environment: environment)
            case "tick":
                return try tick(Array(words.dropFirst()), environment: environment)
            case "check":
                return try check(Array(words.dropFirst()), environment: environment)
            case "backup":
                return try backup(Array(words.dropFirst()), environment: environment)
            case "restore":
                return try restore(Array(words.dropFirst()), environment: environment)
            case "help", "--help", "-h":
                Console.print(usage)
                return 0
            default:
                printError(usage)
                return 64
            }
        } catch let error as CommandLineOptions.UsageError {
            printError("cpor: \(error.description)\n\(usage)")
            return 64
        } catch {
            printError("cpor: \(error)")
            return 1
        }
    }

    /// Options that shape the workflow itself, taken alike by every command that runs it.
    static let workflowOptionNames = ["policy", "time-zone", "holidays"]
    /// Options for sending e-mail, taken by every command that delivers the outbox.
    static let mailOptionNames = ["smtp", "mail-from", "base-url"]

    static func configuration(_ options: CommandLineOptions) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.http.host = options.value("host", env: "CPOR_HOST") ?? "127.0.0.1"
        if let port = options.value("port", env: "CPOR_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw CommandLineOptions.UsageError(description: "port must be a number from 0 to 65535, not '\(port)'")
            }
            configuration.http.port = number
        }
        configuration.databasePath = options.value("db", env: "CPOR_DB") ?? configuration.databasePath
        configuration.http.spoolDirectory = configuration.uploadSpoolDirectory
        configuration.templatesDirectory = options.value("templates", env: "CPOR_TEMPLATES") ?? configuration.templatesDirectory
        configuration.publicDirectory = options.value("public", env: "CPOR_PUBLIC") ?? configuration.publicDirectory
        configuration.secureCookies = options.flag("secure-cookies", env: "CPOR_SECURE_COOKIES")
        configuration.demo = options.flag("demo", env: "CPOR_DEMO")
        if let name = options.value("policy", env: "CPOR_POLICY") {
            guard let policy = Policy.named(name) else {
                throw CommandLineOptions.UsageError(description: "unknown policy '\(name)' (standard or 2023)")
            }
            configuration.policy = policy
        }
        if let zone = options.value("time-zone", env: "CPOR_TIME_ZONE") {
            guard TimeZone(identifier: zone) != nil else {
                throw CommandLineOptions.UsageError(description: "unknown time zone '\(zone)'")
            }
            configuration.timeZoneIdentifier = zone
        }
        if let list = options.value("holidays", env: "CPOR_HOLIDAYS") {
            configuration.holidays = try list.split(separator: ",").map { text in
                guard let day = LocalDate(String(text.trimmingCharacters(in: .whitespaces))) else {
                    throw CommandLineOptions.UsageError(description: "holidays are YYYY-MM-DD dates, not '\(text)'")
                }
                return day
            }
        }
        configuration.mail = try mailSettings(options, environment: options.environment)
        if let name = options.value("programme-name", env: "CPOR_PROGRAMME_NAME") { configuration.programme.name = name }
        // E-mails say who writes: the programme, unless --mail-from names a sender of its own.
        if options.value("mail-from", env: "CPOR_MAIL_FROM") == nil {
            configuration.mail.from = MailAddress(address: configuration.mail.from.address, name: configuration.programme.name)
        }
        if let email = options.value("contact-email", env: "CPOR_CONTACT_EMAIL") {
            guard EmailAddress(parsing: email) != nil else {
                throw CommandLineOptions.UsageError(description: "--contact-email is an e-mail address, not '\(email)'")
            }
            configuration.programme.contactEmail = email
        }
        if let url = options.value("privacy-url", env: "CPOR_PRIVACY_URL") {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw CommandLineOptions.UsageError(description: "--privacy-url is an http(s) address, not '\(url)'")
            }
            configuration.programme.privacyURL = url
        }
        if let format = options.value("log-format", env: "CPOR_LOG_FORMAT") {
            guard let value = AccessLogFormat(rawValue: format) else {
                throw CommandLineOptions.UsageError(description: "--log-format is text or json, not '\(format)'")
            }
            configuration.http.accessLogFormat = value
        }
        // From the environment only, so it stays out of `ps`.
        configuration.metricsToken = options.environment["CPOR_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let minutes = options.value("session-idle-minutes", env: "CPOR_SESSION_IDLE_MINUTES") {
            guard let value = Int(minutes), (1...24 * 60).contains(value) else {
                throw CommandLineOptions.UsageError(description: "--session-idle-minutes is a whole number from 1 to 1440, not '\(minutes)'")
            }
            configuration.sessions.idle = TimeInterval(value * 60)
        }
        if let hours = options.value("session-max-hours", env: "CPOR_SESSION_MAX_HOURS") {
            guard let value = Int(hours), (1...24 * 30).contains(value) else {
                throw CommandLineOptions.UsageError(description: "--session-max-hours is a whole number from 1 to 720, not '\(hours)'")
            }
            configuration.sessions.absolute = TimeInterval(value * 3600)
        }
        if let seconds = options.value("timer-interval", env: "CPOR_TIMER_INTERVAL") {
            guard let value = Int(seconds), value >= 1 else {
                throw CommandLineOptions.UsageError(description: "--timer-interval is a whole number of seconds, not '\(seconds)'")
            }
            configuration.timerInterval = .seconds(value)
        }
        return configuration
    }

    static func serve(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: ["demo", "secure-cookies"],
                                             valueNames: Set(["host", "port", "db", "templates", "public", "timer-interval",
                                                              "programme-name", "contact-email", "privacy-url", "log-format",
                                                              "session-idle-minutes", "session-max-hours"]
                                                            + workflowOptionNames + mailOptionNames),
                                             environment: environment)
        let configuration = try configuration(options)
        // Block the stop signals in every thread (threads inherit this mask), then wait for them on
        // this one: shutdown runs as ordinary code, not inside a signal handler.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        signal(SIGPIPE, SIG_IGN)

        let buffered = BufferedLog()
        let log: @Sendable (String) -> Void = { line in buffered.append(line) }
        let database = try Database(path: configuration.databasePath)
        let application = try Application(configuration: configuration, database: database, log: log)
        if configuration.demo {
            let seeded = try DemoData.seedIfEmpty(accounts: application.accounts, passwords: application.passwords,
                                                  now: Date())
            if seeded {
                try DemoClaims.seed(accounts: application.accounts, claims: application.claims, rules: application.rules,
                                    now: Date())
                try DemoClaims.seedShowcase(accounts: application.accounts, claims: application.claims, rules: application.rules,
                                            now: Date())
            }
            if seeded { Console.print("Seeded demo organizations Contoso and Fabrikam.") }
            try application.storeDocument(DemoDocument.bytes, sha256: DemoDocument.sha256)
        }
        // Nothing is being received yet, so whatever sits in the spool was left by a killed process.
        let leftovers = LeftoverFiles.remove(configuration)
        if !leftovers.isEmpty { Console.print("start-up: \(leftovers.description)") }
        let server = HTTPServer(configuration: configuration.http, handler: { application.handle($0) }, log: log)
        let port = try server.start()
        let host = configuration.http.host.contains(":") ? "[\(configuration.http.host)]" : configuration.http.host
        Console.print("cpor is listening on http://\(host):\(port)/  (database \(configuration.databasePath))")
        if configuration.demo {
            Console.print("Demo logins (password '\(DemoData.password)'):")
            for login in DemoData.logins {
                let role = application.catalog.localizer(for: configuration.defaultLocale)(login.role.messageKey)
                Console.print("  \(login.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(role)\(login.organization.map { ", \($0)" } ?? "")")
            }
        }
        var runtime = configuration
        runtime.http.port = port
        let background = BackgroundWork(application: application, linkBase: runtime.linkBase)
        background.start()
        application.metrics.connect(openConnections: { server.openConnections })
        application.readiness.markReady()
        Console.print(configuration.mail.smtp.map { "E-mail goes out through \($0)." }
                      ?? "E-mail is written as .eml files to \(configuration.mailDirectory)/ (set --smtp to send it).")
        if configuration.demo {
            Console.print("Reviewers see every queued e-mail and its links at \(Application.outboxPath)")
        }
        Console.print("Press Ctrl-C to stop.")

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        log("Received signal \(received): finishing in-flight requests, then stopping.")
        application.readiness.markStopping()
        server.stop()
        // Timers and delivery finish their current step before the database closes under them.
        background.stop()
        database.close()
        buffered.close()
        Console.print("Stopped.")
        return 0
    }

    static func addUser(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [],
                                             valueNames: ["email", "name", "role", "organization", "db", "templates"],
                                             environment: environment)
        guard let email = options.value("email"), let name = options.value("name"),
              let roleName = options.value("role") else {
            throw CommandLineOptions.UsageError(description: "user add needs --email, --name and --role")
        }
        guard let role = Role(rawValue: roleName) else {
            throw CommandLineOptions.UsageError(description: "unknown role '\(roleName)'")
        }
        var password = environment["CPOR_PASSWORD"] ?? ""
        if password.isEmpty {
            Console.print("Password for \(email): ", terminator: "")
            password = readLine(strippingNewline: true) ?? ""
        }
        // The rules every password in the service meets, the common-passwords list included.
        var settings = AppConfiguration()
        settings.templatesDirectory = options.value("templates", env: "CPOR_TEMPLATES") ?? settings.templatesDirectory
        let rules = try PasswordRules.load(commonPasswordsFile: settings.commonPasswordsFile)
        switch rules.problem(with: password, accountWords: [email, name]) {
        case nil: break
        case .tooShort(let minimum)?: throw CommandLineOptions.UsageError(description: "the password needs at least \(minimum) characters")
        case .tooLong(let maximum)?: throw CommandLineOptions.UsageError(description: "the password may have at most \(maximum) characters")
        case .controlCharacter?: throw CommandLineOptions.UsageError(description: "the password may not hold control characters")
        case .common?: throw CommandLineOptions.UsageError(description: "that is one of the most common passwords; choose another")
        case .containsAccountName?: throw CommandLineOptions.UsageError(description: "the password may not contain the e-mail address or name")
        }
        let database = try Database(path: options.value("db", env: "CPOR_DB") ?? AppConfiguration().databasePath)
        defer { database.close() }
        let accounts = AccountStore(database: database)
        var organizationID: Int64?
        if let organizationName = options.value("organization") {
            guard let organization = try accounts.organization(named: organizationName) else {
                throw CommandLineOptions.UsageError(description: "no organization named '\(organizationName)'")
            }
            organizationID = organization.id
        }
        let user = try accounts.createUser(email: email, name: name, role: role, organizationID: organizationID,
                                           passwordHash: try PasswordHasher().hash(password), at: Date())
        Console.print("Created user \(user.email) (\(role.rawValue)) with id \(user.id).")
        return 0
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

