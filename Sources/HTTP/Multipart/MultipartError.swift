/// Why a `multipart/form-data` body was refused, with the status to answer.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The request is not `multipart/form-data` at all.
        case notFormData
        /// The Content-Type carries no usable `boundary` parameter.
        case missingBoundary
        /// The body breaks the syntax of RFC 2046 / RFC 7578.
        case malformed
        /// The body ends before the close delimiter.
        case missingFinalBoundary
        case tooManyParts
        case headerTooLarge
        case fieldTooLarge(field: String)
        case fileTooLarge(field: String, filename: String)
    }

    public var kind: Kind
    public var status: HTTPStatus
    /// A short explanation for the log; it may quote names the client sent.
    public var reason: String
    /// The text fields that were complete before the body failed, in order (a form's CSRF token
    /// comes first, so the refusal can still be checked against it). Not part of equality.
    public var fieldsRead: [(name: String, value: String)] = []

    public static func == (a: MultipartError, b: MultipartError) -> Bool {
        a.kind == b.kind && a.status == b.status && a.reason == b.reason
    }

    public init(_ kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
        switch kind {
        case .notFormData: status = .unsupportedMediaType
        case .missingBoundary, .malformed, .missingFinalBoundary: status = .badRequest
        case .tooManyParts, .headerTooLarge, .fieldTooLarge, .fileTooLarge: status = .contentTooLarge
        }
    }

    public var description: String { "\(status.code) \(reason)" }

    static func malformed(_ reason: String) -> MultipartError {
        MultipartError(.malformed, reason: reason)
    }
}
