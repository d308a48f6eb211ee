import Foundation
import Synchronization
import Testing
@testable import HTTP

@Suite struct WorkerPoolTests {
    @Test func requestsThatOnlyReadTakeTheReadLaneAndTheRestTheWriteLane() {
        for method: HTTPMethod in [.get, .head, .options, .trace] {
            #expect(WorkerPool.Lane(method) == .reads, "\(method)")
        }
        for method: HTTPMethod in [.post, .put, .patch, .delete, "PROPFIND"] {
            #expect(WorkerPool.Lane(method) == .writes, "\(method)")
        }
    }

    /// Writes waiting on their commit hold every write thread; a read still gets a thread of
    /// its own lane. Each write lane thread is busy at once, so the lane has the threads asked for.
    @Test func writesThatWaitHoldNoReadBack() {
        let pool = WorkerPool()
        pool.start(readThreads: 1, writeThreads: 3, name: "test-worker")
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let finished = Atomic<Int>(0)
        for _ in 0..<3 {
            pool.submit(.writes) {
                started.signal()
                release.wait()
                finished.add(1, ordering: .relaxed)
            }
        }
        for _ in 0..<3 { #expect(started.wait(timeout: .now() + 10) == .success) }
        let read = DispatchSemaphore(value: 0)
        pool.submit(.reads) {
            read.signal()
            finished.add(1, ordering: .relaxed)
        }
        #expect(read.wait(timeout: .now() + 10) == .success, "the read waited for the blocked writes")
        #expect(finished.load(ordering: .relaxed) == 1)
        for _ in 0..<3 { release.signal() }
        pool.shutdown()
        #expect(finished.load(ordering: .relaxed) == 4)
    }

    @Test func shutdownRunsWhatIsQueuedInBothLanes() {
        let pool = WorkerPool()
        let ran = Atomic<Int>(0)
        // Queued before any thread exists, so all of them are still waiting when shutdown begins.
        for index in 0..<20 {
            pool.submit(index.isMultiple(of: 2) ? .reads : .writes) { ran.add(1, ordering: .relaxed) }
        }
        pool.start(readThreads: 2, writeThreads: 2, name: "test-worker")
        pool.shutdown()
        #expect(ran.load(ordering: .relaxed) == 20)
    }

    /// Through the server: a POST whose handler waits does not keep a GET on another connection
    /// from its answer, with one thread in each lane.
    @Test func aWaitingPostDoesNotHoldUpAGet() throws {
        var configuration = testConfiguration()
        configuration.workerThreads = 1
        configuration.writeWorkerThreads = 1
        let release = DispatchSemaphore(value: 0)
        let posted = DispatchSemaphore(value: 0)
        let handler: HTTPHandler = { request in
            if request.method == .post {
                posted.signal()
                _ = release.wait(timeout: .now() + 30)
            }
            return .text("\(request.method) \(request.path)")
        }
        try withServer(configuration, handler: handler) { port, _, _ in
            // Released whatever happens, so a failure cannot leave the server waiting on stop.
            var released = false
            defer { if !released { release.signal() } }
            let writer = try TestClient(port: port)
            try writer.send("POST /save HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            #expect(posted.wait(timeout: .now() + 10) == .success)
            let reader = try TestClient(port: port)
            try reader.send("GET /page HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try reader.readResponse().text == "GET /page")
            release.signal()
            released = true
            #expect(try writer.readResponse().text == "POST /save")
        }
    }
}
