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
    @Test(arguments: ["serve", "outbox", "tick", "seed", "user", "directory"])
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
}
