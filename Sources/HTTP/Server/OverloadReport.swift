/// Connections turned away or shed since the last report. The event loop logs them as one line
/// at most every `interval`, so a flood of refused connections does not flood the log as well.
struct OverloadReport {
    static let interval = Duration.seconds(10)

    var shed = 0
    var refusedOverAddressCap = 0
    var refusedAtLimit = 0

    var isEmpty: Bool { shed == 0 && refusedOverAddressCap == 0 && refusedAtLimit == 0 }

    var line: String {
        "http: connection pressure since the last report: \(shed) shed to make room, "
            + "\(refusedOverAddressCap) refused over the per-address cap, \(refusedAtLimit) refused at the connection limit"
    }
}
