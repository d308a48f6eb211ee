/// Every duration the workflow uses, and the rules that changed between editions of the programme,
/// in one value a deployment configures. Business-day durations are counted with the deployment's
/// `BusinessCalendar`.
public struct Policy: Hashable, Codable, Sendable {
    /// A Submitted claim should be picked up for review within this many business days (shown, not enforced).
    public var pickUpBusinessDays: Int
    /// A claim In review should be decided within this many business days; paused while the partner acts.
    public var decisionBusinessDays: Int
    /// The partner must respond within this many business days, or the claim is rejected.
    public var partnerResponseBusinessDays: Int
    /// The customer may deny consent for this many calendar days after approval.
    public var consentWindowCalendarDays: Int
    /// A rejection may be disputed for this many calendar days.
    public var disputeWindowCalendarDays: Int
    /// A dispute should be answered within this many business days (shown, not enforced).
    public var disputeAnswerBusinessDays: Int
    /// The partner is reminded at the start of the last this-many business days before one of
    /// their deadlines lapses; zero turns reminders off.
    public var reminderLeadBusinessDays: Int
    /// The 2023 edition: the customer "can decline the association any time". The consent link stays
    /// valid after the window, and a decline once the association was sent for incentive evaluation
    /// ends it. Off, the link stops working when the window closes (the seed's rule).
    public var customerMayDeclineAtAnyTime: Bool

    public init(
        pickUpBusinessDays: Int = 5,
        decisionBusinessDays: Int = 5,
        partnerResponseBusinessDays: Int = 5,
        consentWindowCalendarDays: Int = 7,
        disputeWindowCalendarDays: Int = 30,
        disputeAnswerBusinessDays: Int = 5,
        reminderLeadBusinessDays: Int = 1,
        customerMayDeclineAtAnyTime: Bool = false
    ) {
        self.pickUpBusinessDays = pickUpBusinessDays
        self.decisionBusinessDays = decisionBusinessDays
        self.partnerResponseBusinessDays = partnerResponseBusinessDays
        self.consentWindowCalendarDays = consentWindowCalendarDays
        self.disputeWindowCalendarDays = disputeWindowCalendarDays
        self.disputeAnswerBusinessDays = disputeAnswerBusinessDays
        self.reminderLeadBusinessDays = reminderLeadBusinessDays
        self.customerMayDeclineAtAnyTime = customerMayDeclineAtAnyTime
    }

    /// The seed's timers (June 2020): 5/5/5 business days, 7-day consent, 30-day dispute window.
    public static let standard = Policy()

    /// The 2023 edition: review and partner response take 14 business days, and the customer may
    /// decline the association at any time.
    public static let edition2023 = Policy(decisionBusinessDays: 14, partnerResponseBusinessDays: 14, customerMayDeclineAtAnyTime: true)

    /// Looks a policy up by the name a configuration file uses.
    public static func named(_ name: String) -> Policy? {
        switch name {
        case "standard", "default", "2020": .standard
        case "edition2023", "2023": .edition2023
        default: nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pickUpBusinessDays, decisionBusinessDays, partnerResponseBusinessDays, consentWindowCalendarDays,
             disputeWindowCalendarDays, disputeAnswerBusinessDays, reminderLeadBusinessDays, customerMayDeclineAtAnyTime
    }

    public init(from decoder: any Decoder) throws {
        // Every key is optional, so a configuration file names only what it changes.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let base = Policy.standard
        self.init(
            pickUpBusinessDays: try container.decodeIfPresent(Int.self, forKey: .pickUpBusinessDays) ?? base.pickUpBusinessDays,
            decisionBusinessDays: try container.decodeIfPresent(Int.self, forKey: .decisionBusinessDays) ?? base.decisionBusinessDays,
            partnerResponseBusinessDays: try container.decodeIfPresent(Int.self, forKey: .partnerResponseBusinessDays) ?? base.partnerResponseBusinessDays,
            consentWindowCalendarDays: try container.decodeIfPresent(Int.self, forKey: .consentWindowCalendarDays) ?? base.consentWindowCalendarDays,
            disputeWindowCalendarDays: try container.decodeIfPresent(Int.self, forKey: .disputeWindowCalendarDays) ?? base.disputeWindowCalendarDays,
            disputeAnswerBusinessDays: try container.decodeIfPresent(Int.self, forKey: .disputeAnswerBusinessDays) ?? base.disputeAnswerBusinessDays,
            reminderLeadBusinessDays: try container.decodeIfPresent(Int.self, forKey: .reminderLeadBusinessDays) ?? base.reminderLeadBusinessDays,
            customerMayDeclineAtAnyTime: try container.decodeIfPresent(Bool.self, forKey: .customerMayDeclineAtAnyTime)
                ?? base.customerMayDeclineAtAnyTime
        )
        if let problem = invalidSetting {
            throw DecodingError.dataCorruptedError(forKey: problem, in: container, debugDescription: "must be at least 1 (reminder lead: at least 0)")
        }
    }

    /// A zero-length window would close as it opens; a deployment that wants that has made a typo.
    private var invalidSetting: CodingKeys? {
        let windows: [(Int, CodingKeys)] = [
            (pickUpBusinessDays, .pickUpBusinessDays), (decisionBusinessDays, .decisionBusinessDays),
            (partnerResponseBusinessDays, .partnerResponseBusinessDays), (consentWindowCalendarDays, .consentWindowCalendarDays),
            (disputeWindowCalendarDays, .disputeWindowCalendarDays), (disputeAnswerBusinessDays, .disputeAnswerBusinessDays),
        ]
        if let bad = windows.first(where: { $0.0 < 1 }) { return bad.1 }
        return reminderLeadBusinessDays < 0 ? .reminderLeadBusinessDays : nil
    }
}
