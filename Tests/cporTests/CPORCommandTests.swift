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
        #expect(CPORCommand.run(["cpor", "seed", "--db", path, "--claims", "60", "--organizations", "3", "--due", "7",
                                 "--now", now], environment: [:]) == 0)
        let database = try Database(path: path)
        defer { database.close() }
        let accounts = AccountStore(database: database)
        #expect(try accounts.organizationCount() == 3)
        // The demo accounts are there, so a seeded database can be logged into.
        #expect(try accounts.credentials(email: "incentives@contoso.example") != nil)
        #expect(try accounts.credentials(email: "incentives@partner3.example") != nil)

        let summary = try TimerSweep.run(store: SQLiteClaimStore(database: database), rules: Self.rules,
                                         now: try Date(now, strategy: .iso8601))
        #expect(summary.timers == [.consentWindowClosed: 7])
        #expect(CPORCommand.run(["cpor", "tick", "--db", path, "--now", now], environment: [:]) == 0)
        #expect(try TimerSweep.run(store: SQLiteClaimStore(database: database), rules: Self.rules,
                                   now: try Date(now, strategy: .iso8601)) == .init())
    }
}

/// Every command says how to use it, and `cpor help` lists every command.
@Suite struct CPORUsageTests {
    @Test(arguments: ["serve", "outbox", "tick", "seed", "user"])
    func everyCommandAnswersHelpWithItsUsage(_ command: String) throws {
        #expect(CPORCommand.run(["cpor", command, "--help"], environment: [:]) == 0)
        #expect(CPORCommand.run(["cpor", command, "-h"], environment: [:]) == 0)
        let usage = try #require(CPORCommand.usage(of: command))
        #expect(usage.contains("cpor \(command)"))
        #expect(CPORCommand.usage.contains("cpor \(command)"), "cpor help lists it")
    }

    @Test func anUnknownCommandIsAUsageError() {
        #expect(CPORCommand.run(["cpor", "frobnicate"], environment: [:]) == 64)
        #expect(CPORCommand.run(["cpor", "help"], environment: [:]) == 0)
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
        let usage = try #require(CPORCommand.usage(of: "serve"))
        #expect(usage.contains("--session-idle-minutes") && usage.contains("--session-max-hours"))
    }
}
