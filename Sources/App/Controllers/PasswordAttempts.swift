import Foundation
import Storage

/// Failed password tries, at login and when someone changes their password, counted against the
/// account and the client address (`LoginFailureStore`), and when the next may come (`LoginThrottle`).
struct PasswordAttempts: Sendable {
    let failures: any LoginFailureStore
    var throttle = LoginThrottle()

    /// When the next try is allowed, or nil if it is allowed now.
    func nextTry(email: String, address: String, at now: Date) throws -> Date? {
        let counted = try failures.failures(keys: LoginFailureKeys.keys(email: email, address: address),
                                            since: now.addingTimeInterval(-throttle.window))
        return counted.values.compactMap { throttle.nextTry(after: $0, at: now) }.max()
    }

    func recordFailure(email: String, address: String, at now: Date) throws {
        try failures.record(keys: LoginFailureKeys.keys(email: email, address: address), at: now,
                            forgetBefore: now.addingTimeInterval(-throttle.window))
    }

    /// After a success the account starts afresh (the address does not).
    func clear(email: String) throws {
        try failures.clear(key: LoginFailureKeys.keys(email: email, address: "")[0])
    }

    /// "Wait 4 seconds", "locked for 15 minutes": what a throttled person reads, and the seconds for `Retry-After`.
    static func wait(until allowedAt: Date, now: Date, localizer l: Localizer) -> (message: String, seconds: Int) {
        let seconds = Int(allowedAt.timeIntervalSince(now).rounded(.up))
        let message = seconds < 120
            ? l(seconds == 1 ? "login.error.throttled.second" : "login.error.throttled.seconds", ["seconds": String(seconds)])
            : l("login.error.throttled.minutes", ["minutes": String(Int((Double(seconds) / 60).rounded(.up)))])
        return (message, seconds)
    }
}
