import Claims
import Foundation
import Secrets
import Storage

/// What `cpor seed` writes, whichever store it writes to: the demo accounts when the store is
/// empty, then `claims` copies of `SampleClaims` spread over `organizations` (Contoso, Fabrikam,
/// then "Partner 3" …, each created with a user when missing), in every state, with exactly `due`
/// approved claims whose consent window has closed by `now` (what the next timer sweep has to do)
/// and no other timer due. The same arguments give the same claims, in the same states, on
/// SQLite and PostgreSQL.
public struct SampleSeed {
    public var claims: Int
    public var organizations: Int
    public var due: Int
    public var now: Date
    public var rules: WorkflowRules

    /// `now` leaves no sample that is due, so `due` claims cannot be made.
    public struct NoDueSamples: Error {}

    public init(claims: Int, organizations: Int, due: Int, now: Date, rules: WorkflowRules) {
        self.claims = claims
        self.organizations = organizations
        self.due = due
        self.now = now
        self.rules = rules
    }

    public func run(accounts: any AccountStore, loader: any BulkClaimLoader, passwords: PasswordHasher = PasswordHasher(),
                    random: SecureRandom = .system) throws -> BulkLoader.Summary {
        _ = try DemoData.seedIfEmpty(accounts: accounts, passwords: passwords, now: now)
        let members = SampleMembers(accounts: accounts, passwords: passwords, now: now)
        let reviewer = try members.reviewer()
        let filers = try (0..<organizations).map { try members.filer(organization: $0) }

        // Fewer variants per organization when there are many, so building them stays quick.
        let variants = max(3, 24 / organizations)
        var prototypes: [BulkLoader.Prototype] = []
        var dueIndices: [Int] = []
        var wheel: [Int] = []
        for filer in filers {
            for kind in SampleClaims.Kind.allCases {
                for prototype in try SampleClaims.prototypes(kind, variants: variants, filer: filer, reviewer: reviewer,
                                                             now: now, rules: rules) {
                    if kind == .consentWindowClosed { dueIndices.append(prototypes.count) }
                    wheel += Array(repeating: prototypes.count, count: kind.weight)
                    prototypes.append(prototype)
                }
            }
        }
        guard due == 0 || !dueIndices.isEmpty, !wheel.isEmpty else { throw NoDueSamples() }

        let total = Int64(claims), dueTotal = Int64(due)
        return try loader.load(count: claims, prototypes: prototypes, consentToken: { ConsentToken(random.token()) },
                               identity: SampleNames.identity) { index in
            // Exactly `due` copies are due, spread evenly over the numbers.
            let i = Int64(index)
            let dueBefore = i * dueTotal / total
            if (i + 1) * dueTotal / total > dueBefore { return dueIndices[Int(dueBefore) % dueIndices.count] }
            // Picked from the index rather than drawn at random, so the same arguments always seed
            // the same store and the tests and benchmarks built on it are reproducible (SplitMix64).
            var x = UInt64(index) &+ 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
            return wheel[Int(x % UInt64(wheel.count))]
        }
    }
}
