/// What the parser yields: a head, then zero or more body pieces, then `end`, for every request.
/// Bodies come in pieces so the server can spool large uploads to disk as they arrive.
public enum HTTPRequestPart: Sendable, Equatable {
    case head(HTTPRequestHead)
    case body([UInt8])
    case end
}
