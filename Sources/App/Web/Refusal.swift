import Claims
import HTTP

/// Why a submitted form was not applied, as the page that sent it shows it: where the message
/// goes, and the status that says what kind of refusal it is. Built in one place (`init?(_:…)`)
/// from whatever the domain, the store or the upload checks threw, so every form answers a stale
/// version, a state that moved on or a bad field the same way, with the input kept.
struct Refusal: Error {
    enum Place: Equatable {
        /// At the top of the page.
        case alert
        /// Beside the page's free-text field (a reason, a comment, a justification).
        case text
        /// Beside the file input.
        case documents
        /// Beside each named field of the claim form.
        case fields([ClaimField: FieldIssue])
    }

    var status: HTTPStatus
    var message: String
    var place: Place

    init(status: HTTPStatus, message: String, place: Place = .alert) {
        self.status = status
        self.message = message
        self.place = place
    }

    /// The refusal for `error`, or nil when `error` is not a refusal but a fault (rethrow it: the
    /// pipeline answers 500). A claim of another organization is neither: it throws `HTTPError.notFound`
    /// so its existence is never confirmed.
    init?(_ error: any Error, localizer l: Localizer) throws(HTTPError) {
        switch error {
        case let refusal as Refusal:
            self = refusal
        case let problem as UploadProblem:
            self.init(status: problem.status, message: l(problem.messageKey, problem.arguments), place: .documents)
        case let error as ClaimStoreError:
            guard case .changedSinceRead = error else { throw .notFound }
            // Someone else changed the claim since the page was read: explain, and keep the input.
            self.init(status: .conflict, message: l.message(error))
        case let error as ClaimError:
            switch error {
            case .otherOrganization:
                throw .notFound
            case .invalidFields(let fields), .incomplete(let fields), .directoryMismatch(let fields):
                self.init(status: .unprocessableContent, message: l.message(error), place: .fields(fields.issues))
            case .reasonRequired, .explanationRequired, .commentRequired, .commentTooLong, .disputeNeedsJustificationOrEvidence:
                self.init(status: .unprocessableContent, message: l.message(error), place: .text)
            default:
                self.init(status: Self.status(of: error), message: l.message(error))
            }
        default:
            return nil
        }
    }

    /// The status that tells a browser what kind of refusal this is: not their role's to act on
    /// (403), a situation that forbids it now (409), or what they entered needs fixing (422).
    static func status(of error: ClaimError) -> HTTPStatus {
        switch error.code {
        case .otherOrganization: .notFound
        case .notAllowedForActor, .creationNotAllowed: .forbidden
        case .wrongState, .windowClosed, .alreadyDisputed, .duplicateDocument, .unresolvedConflict,
             .notAssignedReviewer, .alreadyAssigned: .conflict
        default: .unprocessableContent
        }
    }

    var alert: String? { place == .alert ? message : nil }
    var textError: String? { place == .text ? message : nil }
    var documentsError: String? { place == .documents ? message : nil }
}

/// A request that ends on an error page: the status, and the message when the status's own is
/// not enough. Thrown by controllers; the pipeline renders it.
struct HTTPError: Error, Equatable {
    var status: HTTPStatus
    var messageKey: String?

    init(_ status: HTTPStatus, messageKey: String? = nil) {
        self.status = status
        self.messageKey = messageKey
    }

    static let notFound = HTTPError(.notFound)
}

extension Refusal {
    /// Runs `change`; when it is refused, `refused` renders the page again with the refusal and the
    /// input kept. Anything that is not a refusal is a fault and propagates (the pipeline answers 500).
    static func catching(localizer: Localizer, _ change: () throws -> HTTPResponse,
                         refused: (Refusal) throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try change()
        } catch {
            guard let refusal = try Refusal(error, localizer: localizer) else { throw error }
            return try refused(refusal)
        }
    }
}
