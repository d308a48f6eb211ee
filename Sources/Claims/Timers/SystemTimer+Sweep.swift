import Foundation

extension SystemTimer {
    /// The automatic transitions due at `now` for the given claims (typically those whose
    /// `nextTimerDue` is at or before `now`): one transition per claim that changes.
    public static func transitions(for claims: [Claim], at now: Date, rules: WorkflowRules) -> [Transition] {
        claims.compactMap { $0.firingDueTimers(at: now, rules: rules) }
    }
}
