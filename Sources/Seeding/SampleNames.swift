import Storage

/// Names for bulk-loaded copies: a few hundred combinations, so a search finds some but not all,
/// and the same claim number always gets the same names.
public enum SampleNames {
    /// The name and customer of copy `number`.
    public static func identity(_ number: Int64) -> BulkLoader.Identity {
        let sample = customer(number)
        return BulkLoader.Identity(name: claimName(number), customerName: sample.name, customerDomain: sample.domain)
    }

    private static let projects = [
        "Exchange migration", "Teams rollout", "SharePoint intranet", "Dynamics 365 Sales pilot", "Intune enrolment",
        "Security baseline", "Power Platform centre of excellence", "Field Service go-live", "OneDrive adoption",
        "Customer Service modernisation", "Finance cut-over", "Tenant consolidation", "Viva Engage launch",
        "Frontline workers", "Records management", "Contact centre", "Supply chain planning", "Mailbox archive",
    ]
    private static let phases = ["phase 1", "phase 2", "phase 3", "pilot", "wave A", "wave B", "EMEA", "Americas", "APAC", "HQ"]
    private static let customerStems = [
        "Northwind", "Alpine", "Coho", "Lucerne", "Margie's", "Tailspin", "Wide World", "Wingtip", "Adatum", "Proseware",
        "Litware", "Trey", "Woodgrove", "Blue Yonder", "Fourth Coffee", "Graphic Design", "Humongous", "Relecloud",
        "Southridge", "VanArsdel", "Bellows", "Datum", "Contoso Pharma", "Liberty's",
    ]
    private static let customerTrades = [
        "Traders", "Ski House", "Winery", "Publishing", "Travel", "Toys", "Importers", "Bank", "Insurance", "Foods",
        "Logistics", "Clinics", "Video", "Studios", "Motors", "Energy",
    ]
    private static let legalForms = ["Ltd", "Inc", "GmbH", "S.A.", "B.V.", "plc", "S.L.", "AG"]

    /// A claim name for copy `number`.
    static func claimName(_ number: Int64) -> String {
        var mix = Mix(number)
        return "\(mix.pick(projects)) \(mix.pick(phases))"
    }

    /// A customer name and a domain for copy `number`; the domain carries the number, so it is unique.
    static func customer(_ number: Int64) -> (name: String, domain: String) {
        var mix = Mix(number &* 31 &+ 7)
        let stem = mix.pick(customerStems), trade = mix.pick(customerTrades)
        let label = (stem + "-" + trade).lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return ("\(stem) \(trade) \(mix.pick(legalForms))", "\(label)-\(number).example")
    }

    /// SplitMix64: consecutive numbers give unrelated picks, the same number always the same ones.
    private struct Mix {
        var state: UInt64

        init(_ seed: Int64) { state = UInt64(bitPattern: seed) }

        mutating func pick<T>(_ choices: [T]) -> T {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return choices[Int(z % UInt64(choices.count))]
        }
    }
}
