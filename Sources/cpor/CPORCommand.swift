import App
import CMalloc
import Claims
import Foundation
import HTTP
import Mail
import Secrets
import Seeding
import Storage

/// The `cpor` command line: `serve` runs the service, `user add` creates an account, `directory`
/// loads the tenant directory claims are checked against.
enum CPORCommand {
    /// Runs the command in `arguments` (the program's name first) and returns its exit status.
    /// `environment` is passed in rather than read here, so tests choose it; so is `write`, where
    /// the output goes.
    static func run(_ arguments: [String], environment: [String: String],
                    write: @escaping (Terminal.Stream, String) -> Void = Terminal.console) -> Int32 {
        let words = Array(arguments.dropFirst())
        switch CommandLineLanguage.terminal(words, environment: environment, write: write) {
        case .success(let terminal):
            return dispatch(words, environment: environment, terminal: terminal)
        case .failure(let missing):
            write(.error, missing.description + "\n")
            return 78  // EX_CONFIG
        }
    }

    /// Runs the command `words` name (the program's name dropped), speaking through `terminal`.
    private static func dispatch(_ words: [String], environment: [String: String], terminal: Terminal) -> Int32 {
        if let command = words.first, words.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }),
           let usage = CommandUsage.named(command) {
            terminal.print(CommandUsage.help(terminal, for: [usage]))
            return 0
        }
        do {
            let rest = Array(words.dropFirst())
            switch words.first {
            case "serve":
                return try serve(rest, environment: environment, terminal: terminal)
            case "outbox":
                return try outbox(rest, environment: environment, terminal: terminal)
            case "user" where rest.first == "add":
                return try addUser(Array(rest.dropFirst()), environment: environment, terminal: terminal)
            case "seed":
                return try seed(rest, environment: environment, terminal: terminal)
            case "tick":
                return try tick(rest, environment: environment, terminal: terminal)
            case "check":
                return try check(rest, environment: environment, terminal: terminal)
            case "backup":
                return try backup(rest, environment: environment, terminal: terminal)
            case "restore":
                return try restore(rest, environment: environment, terminal: terminal)
            case "directory":
                return try directory(rest, environment: environment, terminal: terminal)
            case "migrate-store":
                return try migrateStore(rest, environment: environment, terminal: terminal)
            case "help", "--help", "-h":
                terminal.print(CommandUsage.help(terminal))
                return 0
            case nil:
                terminal.printError(CommandUsage.help(terminal))
                return 64
            case let command?:
                // A known command called without its subcommand (`cpor user`) gets its own help.
                guard let usage = CommandUsage.named(command) else {
                    throw CommandLineOptions.UsageError("cli.error.unknown_command", ["command": command])
                }
                terminal.printError(CommandUsage.help(terminal, for: [usage]))
                return 64
            }
        } catch let error as CommandLineOptions.UsageError {
            // The help of the command that was called, so the error stays in view above it.
            let usages = words.first.flatMap(CommandUsage.named).map { [$0] } ?? CommandUsage.all
            terminal.printError(terminal("cli.error", ["message": terminal(error.message)]) + "\n" + CommandUsage.help(terminal, for: usages))
            return 64
        } catch {
            terminal.printError(terminal("cli.error", ["message": "\(error)"]))
            return 1
        }
    }

    /// Options that shape the workflow itself, taken alike by every command that runs it.
    static let workflowOptionNames = ["policy", "time-zone", "holidays"]
    /// Options for sending e-mail, taken by every command that delivers the outbox (`locale` is
    /// the language of people who never chose one).
    static let mailOptionNames = ["smtp", "mail-from", "base-url", "locale"]

    static func configuration(_ options: CommandLineOptions) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.http.host = options.value("host", env: "CPOR_HOST") ?? "127.0.0.1"
        if let port = options.value("port", env: "CPOR_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw CommandLineOptions.UsageError("cli.error.port", ["value": port])
            }
            configuration.http.port = number
        }
        configuration.databasePath = options.value("db", env: "CPOR_DB") ?? configuration.databasePath
        configuration.dataFolder = options.value("data", env: "CPOR_DATA")
        configuration.http.spoolDirectory = configuration.uploadSpoolDirectory
        configuration.templatesDirectory = options.value("templates", env: "CPOR_TEMPLATES") ?? configuration.templatesDirectory
        configuration.publicDirectory = options.value("public", env: "CPOR_PUBLIC") ?? configuration.publicDirectory
        configuration.secureCookies = options.flag("secure-cookies", env: "CPOR_SECURE_COOKIES")
        configuration.demo = options.flag("demo", env: "CPOR_DEMO")
        if let locale = options.value("locale", env: "CPOR_LOCALE") {
            // The catalog decides which languages exist; start-up refuses one it lacks.
            guard locale.count >= 2, locale.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else {
                throw CommandLineOptions.UsageError("cli.error.locale", ["value": locale])
            }
            configuration.defaultLocale = locale
        }
        if let name = options.value("policy", env: "CPOR_POLICY") {
            guard let policy = Policy.named(name) else {
                throw CommandLineOptions.UsageError("cli.error.policy", ["value": name])
            }
            configuration.policy = policy
        }
        if let zone = options.value("time-zone", env: "CPOR_TIME_ZONE") {
            guard TimeZone(identifier: zone) != nil else {
                throw CommandLineOptions.UsageError("cli.error.time_zone", ["value": zone])
            }
            configuration.timeZoneIdentifier = zone
        }
        if let list = options.value("holidays", env: "CPOR_HOLIDAYS") {
            configuration.holidays = try list.split(separator: ",").map { text in
                guard let day = LocalDate(String(text.trimmingCharacters(in: .whitespaces))) else {
                    throw CommandLineOptions.UsageError("cli.error.holidays", ["value": String(text)])
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
                throw CommandLineOptions.UsageError("cli.error.contact_email", ["value": email])
            }
            configuration.programme.contactEmail = email
        }
        if let url = options.value("privacy-url", env: "CPOR_PRIVACY_URL") {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw CommandLineOptions.UsageError("cli.error.privacy_url", ["value": url])
            }
            configuration.programme.privacyURL = url
        }
        if let format = options.value("log-format", env: "CPOR_LOG_FORMAT") {
            guard let value = AccessLogFormat(rawValue: format) else {
                throw CommandLineOptions.UsageError("cli.error.log_format", ["value": format])
            }
            configuration.http.accessLogFormat = value
        }
        if let cap = options.value("max-connections-per-address", env: "CPOR_MAX_CONNECTIONS_PER_ADDRESS") {
            guard let value = Int(cap), value >= 0 else {
                throw CommandLineOptions.UsageError("cli.error.max_connections_per_address", ["value": cap])
            }
            configuration.http.maxConnectionsPerAddress = value
        }
        // From the environment only, so it stays out of `ps`.
        configuration.metricsToken = options.environment["CPOR_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let minutes = options.value("session-idle-minutes", env: "CPOR_SESSION_IDLE_MINUTES") {
            guard let value = Int(minutes), (1...24 * 60).contains(value) else {
                throw CommandLineOptions.UsageError("cli.error.session_idle_minutes", ["value": minutes])
            }
            configuration.sessions.idle = TimeInterval(value * 60)
        }
        if let hours = options.value("session-max-hours", env: "CPOR_SESSION_MAX_HOURS") {
            guard let value = Int(hours), (1...24 * 30).contains(value) else {
                throw CommandLineOptions.UsageError("cli.error.session_max_hours", ["value": hours])
            }
            configuration.sessions.absolute = TimeInterval(value * 3600)
        }
        if let seconds = options.value("timer-interval", env: "CPOR_TIMER_INTERVAL") {
            guard let value = Int(seconds), value >= 1 else {
                throw CommandLineOptions.UsageError("cli.error.timer_interval", ["value": seconds])
            }
            configuration.timerInterval = .seconds(value)
        }
        return configuration
    }

    static func serve(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: ["demo", "secure-cookies"],
                                             valueNames: Set(["host", "port", "db", "data", "public", "timer-interval",
                                                              "programme-name", "contact-email", "privacy-url", "log-format",
                                                              "max-connections-per-address", "session-idle-minutes", "session-max-hours"]
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
        // Large buffers (an export, a page of a big list) come from mmap and go back to the system
        // when freed. Left to itself glibc raises this threshold after the first large free, and
        // later large buffers then fragment the heap, which a long-running server never gets back.
        mallopt(M_MMAP_THRESHOLD, 256 * 1024)
        // Setting that threshold also pins the trim threshold at 128 KiB, and a page of rows frees
        // about that much at the top of the heap: every request then gave its pages back and
        // faulted them in again (about nine page faults a request, an eighth of the server's CPU
        // time in the kernel). Four MiB of headroom ends that; the periodic trim below still
        // returns what a burst left.
        mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024)
        // Each thread that allocates at once gets an arena of its own, up to 8 per core, and an arena
        // keeps what its busiest moment took. Four arenas are enough for two cores' worth of
        // workers; and every 30 s the free pages inside them go back to the system, so a burst
        // (a big export on every worker at once) does not stay resident for the life of the process.
        mallopt(M_ARENA_MAX, 4)
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 30)
                malloc_trim(0)
            }
        }

        let buffered = BufferedLog()
        let log: @Sendable (String) -> Void = { line in buffered.append(line) }
        let store = try OpenedStore.open(configuration)
        let application = try Application(configuration: configuration, stores: store.stores, documents: store.documents, log: log)
        if configuration.demo {
            let seeded = try DemoData.seedIfEmpty(accounts: application.accounts, passwords: application.passwords,
                                                  now: Date())
            if seeded {
                try DemoClaims.seed(accounts: application.accounts, claims: application.claims, rules: application.rules,
                                    now: Date())
                try DemoClaims.seedShowcase(accounts: application.accounts, claims: application.claims, rules: application.rules,
                                            now: Date())
            }
            if seeded { terminal.say("cli.serve.seeded") }
            try application.storeDocument(DemoDocument.bytes, sha256: DemoDocument.sha256)
        }
        // Nothing is being received yet, so whatever sits in the spool was left by a killed process.
        let leftovers = LeftoverFiles.remove(configuration)
        if !leftovers.isEmpty {
            terminal.say("cli.serve.leftovers", ["spool_files": String(leftovers.spoolFiles), "spool_bytes": String(leftovers.spoolBytes),
                                                 "mail_files": String(leftovers.mailTemporaryFiles)])
        }
        let server = HTTPServer(configuration: configuration.http, handler: { application.handle($0) },
                                immediate: { application.immediateAnswer($0) }, log: log)
        let port = try server.start()
        let host = configuration.http.host.contains(":") ? "[\(configuration.http.host)]" : configuration.http.host
        terminal.say("cli.serve.listening", ["url": "http://\(host):\(port)/", "database": configuration.databaseDisplayName])
        if configuration.demo {
            terminal.say("cli.serve.demo_logins", ["password": DemoData.password])
            for login in DemoData.logins {
                let role = terminal(login.role.messageKey)
                terminal.print("  \(login.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(role)\(login.organization.map { ", \($0)" } ?? "")")
            }
        }
        var runtime = configuration
        runtime.http.port = port
        let background = BackgroundWork(application: application, linkBase: runtime.linkBase)
        background.start()
        application.metrics.connect(openConnections: { server.openConnections })
        application.readiness.markReady()
        if let smtp = configuration.mail.smtp {
            terminal.say("cli.serve.mail.smtp", ["server": "\(smtp)"])
        } else {
            terminal.say("cli.serve.mail.files", ["folder": configuration.mailDirectory])
        }
        if configuration.demo {
            terminal.say("cli.serve.outbox", ["path": Application.outboxPath])
        }
        terminal.say("cli.serve.stop_hint")

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        log("Received signal \(received): finishing in-flight requests, then stopping.")
        application.readiness.markStopping()
        server.stop()
        // Timers and delivery finish their current step before the database closes under them.
        background.stop()
        store.close()
        buffered.close()
        terminal.say("cli.serve.stopped")
        return 0
    }

    static func addUser(_ arguments: [String], environment: [String: String], terminal: Terminal) throws -> Int32 {
        let options = try CommandLineOptions(arguments, flagNames: [],
                                             valueNames: ["email", "name", "role", "organization", "db", "templates"],
                                             environment: environment)
        guard let email = options.value("email"), let name = options.value("name"),
              let roleName = options.value("role") else {
            throw CommandLineOptions.UsageError("cli.user.needs")
        }
        guard let role = Role(rawValue: roleName) else {
            throw CommandLineOptions.UsageError("cli.user.unknown_role", ["value": roleName])
        }
        var password = environment["CPOR_PASSWORD"] ?? ""
        if password.isEmpty {
            terminal.print(terminal("cli.user.password_prompt", ["email": email]) + " ", terminator: "")
            password = readLine(strippingNewline: true) ?? ""
        }
        // The rules every password in the service meets, the common-passwords list included.
        var settings = AppConfiguration()
        settings.templatesDirectory = options.value("templates", env: "CPOR_TEMPLATES") ?? settings.templatesDirectory
        let rules = try PasswordRules.load(commonPasswordsFile: settings.commonPasswordsFile)
        switch rules.problem(with: password, accountWords: [email, name]) {
        case nil: break
        case .tooShort(let minimum)?: throw CommandLineOptions.UsageError("cli.user.password.too_short", ["minimum": String(minimum)])
        case .tooLong(let maximum)?: throw CommandLineOptions.UsageError("cli.user.password.too_long", ["maximum": String(maximum)])
        case .controlCharacter?: throw CommandLineOptions.UsageError("cli.user.password.control")
        case .common?: throw CommandLineOptions.UsageError("cli.user.password.common")
        case .containsAccountName?: throw CommandLineOptions.UsageError("cli.user.password.account_words")
        }
        var location = AppConfiguration()
        location.databasePath = options.value("db", env: "CPOR_DB") ?? location.databasePath
        let store = try OpenedStore.open(location)
        defer { store.close() }
        let accounts = store.stores.accounts
        var organizationID: Int64?
        if let organizationName = options.value("organization") {
            guard let organization = try accounts.organization(named: organizationName) else {
                throw CommandLineOptions.UsageError("cli.user.no_organization", ["value": organizationName])
            }
            organizationID = organization.id
        }
        let user = try accounts.createUser(email: email, name: name, role: role, organizationID: organizationID,
                                           passwordHash: try PasswordHasher().hash(password), at: Date())
        terminal.say("cli.user.created", ["email": user.email, "role": role.rawValue, "id": String(user.id)])
        return 0
    }
}

