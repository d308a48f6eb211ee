import Foundation

extension Claim {
    /// The states whose claims the timer sweep compares with the tenant directory: approved
    /// associations, the ones an incentive may be paid on.
    public static let statesCheckedAgainstDirectory: Set<ClaimState> = [.approved]

    /// What the directory now says about this association's subscription, as the system's
    /// transition: a notice (and a history entry) when it lists the subscription in a status that
    /// does not accept claims, its removal when it lists it as accepting them again. Nil when
    /// nothing changes, including when the directory does not list the subscription on the tenant
    /// at all: that says nothing about its status. Running it again on the result yields nil.
    public func reconciled(with directory: TenantDirectory, at now: Date, rules: WorkflowRules) -> Transition? {
        guard Self.statesCheckedAgainstDirectory.contains(state), let tenant = details.customer.tenantID,
              let id = details.subscriptionID, let listed = directory.entry(for: tenant)?.subscription(id)
        else { return nil }
        var change = ClaimChange(self, actor: .system, now: now, rules: rules)
        change.note(listed)
        let transition = change.finished()
        return transition.isEmpty ? nil : transition
    }
}

extension ClaimChange {
    /// Records a change in the listed subscription's standing; the same standing again changes nothing.
    mutating func note(_ listed: DirectorySubscription) {
        switch (listed.status.acceptsClaims, claim.subscriptionNotice) {
        case (false, nil):
            claim.subscriptionNotice = SubscriptionNotice(subscriptionID: listed.id, status: listed.status, checkedAt: now)
            record(.subscriptionStatus(listed.id, listed.status))
        case (true, .some):
            claim.subscriptionNotice = nil
            record(.subscriptionStatus(listed.id, listed.status))
        case (false, .some), (true, nil):
            break
        }
    }
}
