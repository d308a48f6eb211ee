import Foundation

/// How long a session lasts: `absolute` from its login whatever happens, and `idle` from its last request.
public struct SessionTimeouts: Sendable, Equatable {
    public var absolute: TimeInterval
    public var idle: TimeInterval

    public init(absolute: TimeInterval = 12 * 60 * 60, idle: TimeInterval = 30 * 60) {
        self.absolute = absolute
        self.idle = idle
    }
}
