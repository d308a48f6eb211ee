import Foundation

/// Every limit and timeout of the server in one place. The defaults are safe for a service
/// exposed behind a reverse proxy; tests shorten the timeouts.
public struct HTTPServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the system for a free port; `HTTPServer.start()` returns the one bound.
    public var port: Int
    public var backlog: Int32

    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int

    /// From the first byte of a request until its header section is complete; then 408. A new
    /// connection's first request counts from the accept, so waiting before the first byte buys
    /// no extra time.
    public var headerTimeout: Duration
    /// How long a keep-alive connection may sit between requests before it is closed silently.
    public var idleTimeout: Duration
    /// The longest pause between two pieces of a request body; then 408.
    public var bodyTimeout: Duration
    /// The slowest a request body may arrive, on average since its head, once
    /// `bodyRateGracePeriod` has passed; then 408. A client trickling a byte every few seconds
    /// never pauses for `bodyTimeout`, but falls behind this at once. 0 turns the check off.
    public var minBodyBytesPerSecond: Int
    /// How long after the head before `minBodyBytesPerSecond` applies, so a connection that
    /// starts slowly (a mobile radio waking up) is not cut off in its first seconds.
    public var bodyRateGracePeriod: Duration
    /// From the end of the head until the body's last byte, however steadily it arrives; then 408.
    /// The default lets the largest body through at about 0.7 Mbit/s.
    public var bodyTimeLimit: Duration
    /// The longest a client may leave a response unread before the connection is dropped.
    public var sendTimeout: Duration
    /// How long `stop()` lets in-flight requests finish before closing their connections anyway.
    public var shutdownTimeout: Duration

    /// Threads for requests that only read (GET, HEAD): mostly CPU work, so about the cores.
    public var workerThreads: Int
    /// Threads for requests that change something (POST and the other unsafe methods). They
    /// mostly wait for the disk, so there are more: enough for the writes arriving together to
    /// share one commit.
    public var writeWorkerThreads: Int
    public var maxConnections: Int
    /// Connections one client address may hold open; the next is answered 503 and closed, so a
    /// single host cannot take every slot. IPv6 clients count per /64, which one subscriber usually
    /// holds whole. Behind a reverse proxy every client shares the proxy's address: raise this to
    /// the proxy's connection pool, or set 0 (no cap) and limit clients at the proxy.
    public var maxConnectionsPerAddress: Int
    /// Once this share of `maxConnections` is open, a new connection makes room by closing those
    /// least worth keeping: keep-alive connections idle for a while, then ones lingering after
    /// their last response, then the readers nearest their deadline (the slowest body, the
    /// oldest unfinished head). It closes 1/64 of `maxConnections` at a time, so the search is
    /// paid once per batch. Connections whose request is being handled or answered are never
    /// shed. From 0.5 to 1; 1 sheds only when every slot is taken.
    public var sheddingLevel: Double

    /// Request bodies larger than this are written to a file in `spoolDirectory` as they arrive.
    public var spoolThreshold: Int
    public var spoolDirectory: String

    /// The access log line's format: plain text, or JSON lines.
    public var accessLogFormat = AccessLogFormat.text
    /// Path prefixes whose remainder is a credential (a link's token): the access log writes the
    /// prefix followed by `…`, never the rest.
    public var pathsWithSecrets: [String] = []

    /// `path` as the log may show it.
    public func loggable(_ path: String) -> String {
        guard let prefix = pathsWithSecrets.first(where: { path.hasPrefix($0) && path.count > $0.count }) else { return path }
        return prefix + "…"
    }

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        backlog: Int32 = 1024,
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 32 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 25 * 1024 * 1024,
        headerTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(30),
        minBodyBytesPerSecond: Int = 1024,
        bodyRateGracePeriod: Duration = .seconds(10),
        bodyTimeLimit: Duration = .seconds(300),
        sendTimeout: Duration = .seconds(30),
        shutdownTimeout: Duration = .seconds(30),
        workerThreads: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount),
        writeWorkerThreads: Int = max(16, 8 * ProcessInfo.processInfo.activeProcessorCount),
        maxConnections: Int = 4096,
        maxConnectionsPerAddress: Int = 64,
        sheddingLevel: Double = 0.9,
        spoolThreshold: Int = 1024 * 1024,
        spoolDirectory: String = NSTemporaryDirectory()
    ) {
        self.host = host
        self.port = port
        self.backlog = backlog
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.minBodyBytesPerSecond = minBodyBytesPerSecond
        self.bodyRateGracePeriod = bodyRateGracePeriod
        self.bodyTimeLimit = bodyTimeLimit
        self.sendTimeout = sendTimeout
        self.shutdownTimeout = shutdownTimeout
        self.workerThreads = workerThreads
        self.writeWorkerThreads = writeWorkerThreads
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.sheddingLevel = sheddingLevel
        self.spoolThreshold = spoolThreshold
        self.spoolDirectory = spoolDirectory
    }

    /// How many connections may be open before new ones start shedding old ones.
    var sheddingThreshold: Int {
        Int((Double(maxConnections) * min(1, max(0.5, sheddingLevel))).rounded(.down))
    }

    public var parserLimits: HTTPParserLimits {
        HTTPParserLimits(
            maxRequestLineBytes: maxRequestLineBytes,
            maxHeaderBytes: maxHeaderBytes,
            maxHeaderCount: maxHeaderCount,
            maxBodyBytes: maxBodyBytes
        )
    }
}
