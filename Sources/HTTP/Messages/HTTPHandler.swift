/// The application: called synchronously on a worker thread, once per request.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// Answers, on the event loop itself, the requests that need nothing that could block: no database,
/// no file, no lock held for long. Nil hands the request to `HTTPHandler` on a worker as usual.
/// Saves the trip to a worker thread and back, which costs more than a trivial answer.
public typealias HTTPImmediateHandler = @Sendable (HTTPRequest) -> HTTPResponse?
