import Testing
@testable import HTTP

@Suite struct BodyPaceTests {
    let start = ContinuousClock.now
    let configuration = HTTPServerConfiguration(
        bodyTimeout: .seconds(30), minBodyBytesPerSecond: 1000, bodyRateGracePeriod: .seconds(10), bodyTimeLimit: .seconds(300))

    @Test func givesANewBodyTheGracePeriod() {
        let pace = BodyPace(startedAt: start)
        #expect(pace.deadline(lastPiece: start, configuration: configuration) == start + .seconds(10))
    }

    @Test func eachByteEarnsTimeAtTheMinimumRate() {
        var pace = BodyPace(startedAt: start)
        pace.received(5000)
        #expect(pace.deadline(lastPiece: start + .seconds(1), configuration: configuration) == start + .seconds(15))
    }

    @Test func aPauseEndsItSoonerThanTheRateWould() {
        var pace = BodyPace(startedAt: start)
        pace.received(100_000)
        #expect(pace.deadline(lastPiece: start + .seconds(2), configuration: configuration) == start + .seconds(32))
    }

    @Test func theTimeLimitHoldsHoweverFastItArrives() {
        var pace = BodyPace(startedAt: start)
        pace.received(10_000_000)
        #expect(pace.deadline(lastPiece: start + .seconds(290), configuration: configuration) == start + .seconds(300))
    }

    @Test func aZeroRateLeavesThePauseAndTheTimeLimit() {
        var configuration = configuration
        configuration.minBodyBytesPerSecond = 0
        let pace = BodyPace(startedAt: start)
        #expect(pace.deadline(lastPiece: start + .seconds(5), configuration: configuration) == start + .seconds(35))
    }
}
