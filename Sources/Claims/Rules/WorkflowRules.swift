/// What the transition function needs besides the claim, the action, the actor and the time:
/// the configured durations, the business calendar, and a source of consent-link tokens
/// (random in the app, fixed in tests).
public struct WorkflowRules: Sendable {
    public var policy: Policy
    public var calendar: BusinessCalendar
    public var makeConsentToken: @Sendable () -> ConsentToken

    public init(policy: Policy, calendar: BusinessCalendar, makeConsentToken: @escaping @Sendable () -> ConsentToken) {
        self.policy = policy
        self.calendar = calendar
        self.makeConsentToken = makeConsentToken
    }
}
