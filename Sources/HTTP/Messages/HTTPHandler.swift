/// The application: called synchronously on a worker thread, once per request.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse
