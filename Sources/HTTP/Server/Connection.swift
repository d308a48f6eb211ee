/// One client connection. Owned and touched only by the event loop thread.
final class Connection {
    enum Phase {
        /// Reading a request head or body.
        case reading
        /// A worker is running the handler; nothing is read meanwhile, which also keeps
        /// pipelined requests in order.
        case handling
        case writing
        /// The response is sent and our side shut down; input is drained so the client sees the
        /// response rather than a reset.
        case closing
    }

    /// The request being received or handled.
    struct Exchange {
        var head: HTTPRequestHead
        var path: String
        var spool: RequestBodySpool?
        var pace: BodyPace
    }

    /// The response being written, kept for the access log.
    struct Outgoing {
        var status: HTTPStatus
        var bodyLength: Int
        var keepAlive: Bool
        /// `bytesSent` when the body's first byte goes out.
        var bodyStartsAt: Int
        var method: String
        var path: String
        var user: String?
        /// Set once the access log line is written, so an error path cannot log twice.
        var logged = false
    }

    let id: UInt64
    let descriptor: Int32
    let remoteAddress: String
    let clientAddress: ClientAddress
    var parser: HTTPRequestParser
    var phase = Phase.reading
    /// When the connection expires in its current phase; nil while a handler runs.
    var deadline: ContinuousClock.Instant?
    /// When a connection with nothing buffered is closed silently.
    var idleDeadline: ContinuousClock.Instant
    /// When the last response of a keep-alive connection ended; nil before the first one.
    var idleSince: ContinuousClock.Instant?
    /// When the request now arriving must have its head complete.
    var headDeadline: ContinuousClock.Instant?
    /// When the first byte of the current request arrived; the access log measures from here.
    var requestStartedAt: ContinuousClock.Instant?
    var exchange: Exchange?
    var outgoing: Outgoing?

    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// A large response body, sent after `outbound` as it is rather than copied behind the head.
    var outboundBody: [UInt8] = []
    var outboundBodyOffset = 0
    var bytesSent = 0
    var bodyFile: ReadableFile?
    var bodyFileRemaining = 0

    /// The events epoll currently reports for this connection.
    var interest: UInt32
    /// The peer vanished while its handler ran; the connection is out of epoll and is closed
    /// once the handler's result arrives.
    var peerGone = false

    init(id: UInt64, descriptor: Int32, remoteAddress: String, clientAddress: ClientAddress, limits: HTTPParserLimits,
         idleDeadline: ContinuousClock.Instant, interest: UInt32) {
        self.id = id
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.clientAddress = clientAddress
        self.parser = HTTPRequestParser(limits: limits)
        self.idleDeadline = idleDeadline
        self.interest = interest
    }

    var hasPendingOutbound: Bool { outboundOffset < outbound.count || outboundBodyOffset < outboundBody.count }
}
