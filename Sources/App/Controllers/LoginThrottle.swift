import Foundation

/// How repeated failed logins slow down and then stop (ASVS V6.3), from the failures already
/// counted against an account or a client address in the last `window`: after `freeTries`
/// failures each further try waits 1, 2, 4 … seconds (at most `maximumDelay`) after the last one,
/// and `lockAfter` failures lock the key until `window` after the last of them.
struct LoginThrottle: Sendable {
    var window: TimeInterval = 15 * 60
    var freeTries = 3
    var lockAfter = 10
    var maximumDelay: TimeInterval = 64

    /// When the next try is allowed, or nil if it is allowed now.
    func nextTry(after failures: [Date], at now: Date) -> Date? {
        let recent = failures.filter { $0 > now.addingTimeInterval(-window) }
        guard let last = recent.max(), recent.count >= freeTries else { return nil }
        let wait = recent.count >= lockAfter
            ? window : min(maximumDelay, pow(2, Double(recent.count - freeTries)))
        let allowed = last.addingTimeInterval(wait)
        return allowed > now ? allowed : nil
    }
}
