import App
import Claims
import Foundation
import Storage
import Testing
import TestSupport
@testable import cpor

/// The commands as an operator runs them, on a database in a temporary folder.
@Suite struct CPORCommandTests {
    static let rules = WorkflowRules(policy: .standard, calendar: BusinessCalendar(timeZoneIdentifier: "UTC", holidays: [LocalDate]())!,
                                     makeConsentToken: { ConsentToken("token") })

    @Test func theSeedAndTickCommandsFillADatabaseAndSweepItsDueClaims() throws {
        let folder = try TemporaryDirectory(prefix: "cpor-seed")
        defer { withExtendedLifetime(folder) {} }
        let path = folder.path + "/cpor.sqlite"
        let now = "2026-03-12T10:00:00Z"
        let seeded = CommandRun("seed", "--db", path, "--claims", "60", "--organizations", "3", "--due", "7", "--now", now)
        #expect(seeded.status == 0)
        // scripts/bench reads these words.
        #expect(seeded.output.hasPrefix("seeded 60 claims (C-1001…C-1060) in 3 organizations, 7 due at \(now): "))
        #expect(seeded.output.contains(try Regex(#" in [0-9.]+ s \([0-9]+ claims/s\)\n$"#)))
        let database = try Database(path: path)
        defer { database.close() }
        let accounts = SQLiteAccountStore(database: database)
        #expect(try accounts.organizationCount() == 3)
        // The demo accounts are there, so a seeded database can be logged into.
        #expect(try accounts.credentials(email: "incentives@contoso.example") != nil)
        #expect(try accounts.credentials(email: "incentives@partner3.example") != nil)

        // Exactly the 7 due claims are swept (scripts/bench and the e-mail and journey tests read these words).
        let tick = CommandRun("tick", "--db", path, "--now", now)
        #expect(tick.status == 0)
        #expect(tick.output.hasPrefix("tick at \(now): 7 claims changed (consent_window_closed 7), "))
        #expect(tick.output.contains(try Regex(#" e-mails queued, [0-9]+ batches, [0-9.]+ ms\nmail: [0-9]+ sent, "#)))
        #expect(try TimerSweep.run(store: SQLiteClaimStore(database: database), rules: Self.rules,
                                   now: try Date(now, strategy: .iso8601)) == .init())
    }
}

/// Every command says how to use it, and `cpor help` lists every command.
@Suite struct CPORUsageTests {
    @Test(arguments: CommandUsage.all.map(\.command))
    func everyCommandAnswersHelpWithItsUsage(_ command: String) throws {
        for flag in ["--help", "-h"] {
            let help = CommandRun(command, flag)
            #expect(help.status == 0)
            #expect(help.output.hasPrefix("usage:\n  cpor \(command) "))
            #expect(help.error.isEmpty)
        }
        #expect(CommandRun("help").output.contains("\n  cpor \(command) "), "cpor help lists it")
    }

    @Test func anUnknownCommandIsAUsageError() {
        let unknown = CommandRun("frobnicate")
        #expect(unknown.status == 64)
        #expect(unknown.error.hasPrefix("cpor: unknown command 'frobnicate'\nusage:\n"))
        #expect(CommandRun("help").status == 0)
        #expect(CommandRun().status == 64)
    }

    @Test func thePerAddressConnectionCapIsSetOrTurnedOff() throws {
        let names: Set<String> = ["max-connections-per-address"]
        var options = try CommandLineOptions([], flagNames: [], valueNames: names, environment: [:])
        #expect(try CPORCommand.configuration(options).http.maxConnectionsPerAddress == 64)
        options = try CommandLineOptions(["--max-connections-per-address", "0"], flagNames: [], valueNames: names, environment: [:])
        #expect(try CPORCommand.configuration(options).http.maxConnectionsPerAddress == 0)
        options = try CommandLineOptions([], flagNames: [], valueNames: names,
                                         environment: ["CPOR_MAX_CONNECTIONS_PER_ADDRESS": "500"])
        #expect(try CPORCommand.configuration(options).http.maxConnectionsPerAddress == 500)
        options = try CommandLineOptions(["--max-connections-per-address=-1"], flagNames: [], valueNames: names, environment: [:])
        #expect(throws: CommandLineOptions.UsageError.self) { try CPORCommand.configuration(options) }
    }

    @Test func theOutboxLinksStartWhereTheServerListens() throws {
        var options = try CommandLineOptions(["--port", "9123"], flagNames: [], valueNames: ["port", "host", "base-url"], environment: [:])
        #expect(try CPORCommand.configuration(options).linkBase == "http://127.0.0.1:9123")
        options = try CommandLineOptions([], flagNames: [], valueNames: ["port", "base-url"],
                                         environment: ["CPOR_BASE_URL": "https://cpor.example/"])
        #expect(try CPORCommand.configuration(options).linkBase == "https://cpor.example")
    }

    /// ASVS V6.2: an operator's `user add` meets the same password rules as the web service.
    @Test func userAddRefusesACommonPasswordAndTakesAGoodOne() throws {
        let folder = try DataFolder()
        let arguments = ["cpor", "user", "add", "--email", "ops@reviewers.example", "--name", "Ops", "--role", "reviewer",
                         "--db", folder.databasePath, "--templates", DataFolder.packageRoot + "/Templates"]
        #expect(CPORCommand.run(arguments, environment: ["CPOR_PASSWORD": "password1234"]) == 64)
        #expect(CPORCommand.run(arguments, environment: ["CPOR_PASSWORD": "short"]) == 64)
        #expect(CPORCommand.run(arguments, environment: ["CPOR_PASSWORD": "a long and unusual passphrase"]) == 0)
    }

    /// ASVS V7.3: both session timeouts are configurable, from the command line or the environment.
    @Test func sessionTimeoutsAreConfigurableAndAnsweredInHelp() throws {
        let names: Set<String> = ["session-idle-minutes", "session-max-hours"]
        var options = try CommandLineOptions(["--session-idle-minutes", "15", "--session-max-hours", "8"], flagNames: [],
                                             valueNames: names, environment: [:])
        var configuration = try CPORCommand.configuration(options)
        #expect(configuration.sessions.idle == 15 * 60 && configuration.sessions.absolute == 8 * 3600)
        options = try CommandLineOptions([], flagNames: [], valueNames: names,
                                         environment: ["CPOR_SESSION_IDLE_MINUTES": "45", "CPOR_SESSION_MAX_HOURS": "24"])
        configuration = try CPORCommand.configuration(options)
        #expect(configuration.sessions.idle == 45 * 60 && configuration.sessions.absolute == 24 * 3600)
        #expect(try CPORCommand.configuration(CommandLineOptions([], flagNames: [], valueNames: names, environment: [:])).sessions
                == SessionTimeouts(absolute: 12 * 3600, idle: 30 * 60))
        options = try CommandLineOptions(["--session-idle-minutes", "0"], flagNames: [], valueNames: names, environment: [:])
        #expect(throws: CommandLineOptions.UsageError.self) { try CPORCommand.configuration(options) }
        let usage = CommandRun("serve", "--help").output
        #expect(usage.contains("--session-idle-minutes") && usage.contains("--session-max-hours"))
        #expect(usage.contains("CPOR_SESSION_IDLE_MINUTES") && usage.contains("CPOR_SESSION_MAX_HOURS"))
    }
}
