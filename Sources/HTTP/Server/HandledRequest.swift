/// A handler's result travelling from a worker thread back to the event loop.
struct HandledRequest: Sendable {
    var connectionID: UInt64
    var descriptor: Int32
    var response: HTTPResponse
    /// The response body file, opened on the worker so a missing file becomes a 500 before
    /// anything is sent; owned by the event loop from here on.
    var bodyFile: Int32?
}
