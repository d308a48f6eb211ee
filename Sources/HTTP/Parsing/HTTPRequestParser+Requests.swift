// Whole requests assembled in memory, for callers that need no spooling (tests, small tools).
extension HTTPRequestParser {
    /// The next complete request with its body in memory, nil when more bytes are needed.
    public mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? {
        while let part = try nextPart() {
            switch part {
            case .head(let head):
                assembledHead = head
                assembledBody = []
            case .body(let bytes):
                assembledBody += bytes
            case .end:
                guard let head = assembledHead else { continue }
                let body: HTTPBody = assembledBody.isEmpty ? .empty : .bytes(assembledBody)
                assembledHead = nil
                assembledBody = []
                return HTTPRequest(head: head, body: body)
            }
        }
        return nil
    }
}
