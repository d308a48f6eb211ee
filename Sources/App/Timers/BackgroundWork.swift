import Foundation
import Mail
import Storage

/// What `serve` runs beside the HTTP server: the timer sweep on a schedule, and the delivery
/// worker that empties the outbox. Stopped before the database closes; each stops only after
/// finishing what it is doing, so no sweep batch or delivery is cut off by the shutdown itself.
public final class BackgroundWork: Sendable {
    private let scheduler: BackgroundLoop
    private let delivery: BackgroundLoop

    /// `linkBase` is where links in e-mails point (the address the server listens on, or `--base-url`).
    public init(application: Application, linkBase: String) {
        let configuration = application.configuration
        let log = application.log
        let clock = application.clock
        let worker = application.deliveryWorker(linkBase: linkBase, now: { clock.now() })
        let delivery = BackgroundLoop(name: "cpor-mail", interval: configuration.mail.pollInterval) {
            worker.deliverDue()
        }
        let store = application.claims, rules = application.rules, metrics = application.metrics
        scheduler = BackgroundLoop(name: "cpor-timers", interval: configuration.timerInterval) {
            let started = ContinuousClock.now
            func seconds() -> Double {
                let (whole, fraction) = (ContinuousClock.now - started).components
                return Double(whole) + Double(fraction) / 1e18
            }
            do {
                let summary = try TimerSweep.run(store: store, rules: rules, now: clock.now())
                metrics.recordSweep(seconds: seconds(), claimsChanged: summary.claims, failed: false)
                if summary.claims > 0 {
                    log("timers: \(summary.claims) claims changed, \(summary.emails) e-mails queued")
                }
                if summary.emails > 0 { delivery.wake() }
            } catch {
                // The batch rolled back; the next run tries again.
                metrics.recordSweep(seconds: seconds(), claimsChanged: 0, failed: true)
                log("timers: sweep failed: \(error)")
            }
        }
        self.delivery = delivery
        application.outboxWakeUp.connect { delivery.wake() }
    }

    public func start() {
        delivery.start()
        scheduler.start()
    }

    /// Delivers what a request just queued without waiting for the next poll.
    public func wakeDelivery() { delivery.wake() }

    public func stop() {
        scheduler.stop()
        delivery.stop()
    }
}
