import Testing
import HTTP

@Suite struct HTTPStatusTests {
    @Test func namesStatusesAsRFC9110Does() {
        #expect(HTTPStatus.contentTooLarge.reasonPhrase == "Content Too Large")
        #expect(HTTPStatus(431).reasonPhrase == "Request Header Fields Too Large")
        #expect(HTTPStatus.unprocessableContent.reasonPhrase == "Unprocessable Content")
        #expect(HTTPStatus.seeOther.description == "303 See Other")
    }

    @Test func namesUnlistedCodesByTheirClass() {
        #expect(HTTPStatus(299).reasonPhrase == "Success")
        #expect(HTTPStatus(499).reasonPhrase == "Client Error")
        #expect(HTTPStatus(599).reasonPhrase == "Server Error")
    }

    @Test func isTheSameStatusWrittenAsANumberOrByName() {
        let written: HTTPStatus = 422
        #expect(written == .unprocessableContent)
        #expect(HTTPStatus.notFound == 404)
        #expect(HTTPStatus(rawValue: 409) == .conflict)
        #expect(HTTPStatus.ok.code == 200)
        #expect(Set<HTTPStatus>([200, .ok, 404]).count == 2)
    }

    @Test func knowsWhichResponsesCarryNoContent() {
        #expect(HTTPStatus(101).forbidsContent)
        #expect(HTTPStatus.noContent.forbidsContent)
        #expect(HTTPStatus.notModified.forbidsContent)
        #expect(!HTTPStatus.ok.forbidsContent)
        #expect(!HTTPStatus.seeOther.forbidsContent)
    }
}
