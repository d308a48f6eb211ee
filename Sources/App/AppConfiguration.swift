import Claims
import Foundation
import HTTP
import Secrets
import Storage

/// Everything the service can be told at start-up, with the defaults a newcomer gets.
public struct AppConfiguration: Sendable {
    public var http = HTTPServerConfiguration()
    public var databasePath = "./data/cpor.sqlite"
    public var templatesDirectory = "./Templates"
    public var publicDirectory = "./Public"
    /// Behind TLS the cookies get `Secure`; on plain http://localhost they must not, or browsers drop them.
    public var secureCookies = false
    public var demo = false
    public var defaultLocale = "en"
    /// A session ends 12 hours after its login, or 30 minutes after its last request, by default.
    public var sessions = SessionTimeouts()
    /// How long a set-password link works.
    public var passwordLinkLifetime: TimeInterval = 60 * 60
    /// Every duration of the workflow; `Policy.edition2023` gives the 2023 timers.
    public var policy = Policy.standard
    /// Business days are counted, and dates shown, in this zone.
    public var timeZoneIdentifier = "UTC"
    public var holidays: [LocalDate] = []
    /// E-mail delivery: transport, sender, link base, retries.
    public var mail = MailSettings()
    /// How often `serve` runs the timer sweep.
    public var timerInterval: Duration = .seconds(60)
    /// Who runs the programme, as customers reading the consent page and e-mails are told.
    public var programme = ProgrammeSettings()
    /// With a token, `/metrics` answers any client that sends it as a bearer token; without one,
    /// only loopback.
    public var metricsToken: String?
    /// What one upload form may carry; `maxFileBytes` is the largest PoE document accepted.
    public var uploadLimits = MultipartLimits()

    public init() {
        // The consent link's token is its only credential: it never reaches a log.
        http.pathsWithSecrets = Route.pathsWithSecrets
    }

    /// The common passwords no new password may be (see `Templates/passwords/README.md`).
    public var commonPasswordsFile: String { templatesDirectory + "/passwords/common-passwords.txt" }

    /// A PostgreSQL connection string when `databasePath` is one (`postgres://…`); nil for a SQLite file.
    public var postgresConnection: String? {
        databasePath.hasPrefix("postgres://") || databasePath.hasPrefix("postgresql://") ? databasePath : nil
    }

    /// The database as it may be shown: a PostgreSQL connection string without its password.
    public var databaseDisplayName: String {
        guard postgresConnection != nil, let at = databasePath.lastIndex(of: "@"),
              let scheme = databasePath.range(of: "://"), scheme.upperBound < at else { return databasePath }
        let credentials = databasePath[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return databasePath }
        return String(databasePath[..<colon]) + ":…" + String(databasePath[at...])
    }

    /// The local folder for e-mail copies, the upload spool and PoE files (`--data`); by default the
    /// SQLite file's folder, so one folder holds all state, or `./data` beside a PostgreSQL store.
    public var dataFolder: String?

    public var dataDirectory: String {
        if let dataFolder { return dataFolder }
        if postgresConnection != nil { return "./data" }
        return URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
    }

    /// Where the file transport writes messages when no SMTP server is configured.
    public var mailDirectory: String { dataDirectory + "/mail" }

    /// Where PoE files are kept, by SHA-256.
    public var documentsDirectory: String { dataDirectory + "/documents" }

    /// Where request bodies and uploads are spooled while they arrive: beside the documents, so
    /// taking an upload in is a rename, and in the data folder, so `serve` can clear what a killed
    /// process left there.
    public var uploadSpoolDirectory: String { documentsDirectory + "/.incoming" }

    /// The start of every link in an e-mail: the configured base URL, else the listening address.
    public var linkBase: String {
        if let base = mail.baseURL, !base.isEmpty { return base.hasSuffix("/") ? String(base.dropLast()) : base }
        let host = http.host.contains(":") ? "[\(http.host)]" : http.host
        return "http://\(host):\(http.port)"
    }

    /// The workflow as this deployment runs it: the configured policy, business days in the
    /// configured zone minus its holidays, and consent tokens from `random`.
    public func workflowRules(random: SecureRandom) throws -> WorkflowRules {
        guard let calendar = BusinessCalendar(timeZoneIdentifier: timeZoneIdentifier, holidays: holidays) else {
            throw Application.StartupError.unknownTimeZone(timeZoneIdentifier)
        }
        return WorkflowRules(policy: policy, calendar: calendar, makeConsentToken: { ConsentToken(random.token()) })
    }
}
