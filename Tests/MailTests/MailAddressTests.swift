import Testing
@testable import Mail

@Suite struct MailAddressTests {
    @Test func writesABareAddressWithoutAName() {
        #expect(MailAddress(address: "a@b.example").headerText == "a@b.example")
        #expect(MailAddress(address: "a@b.example", name: "  ").headerText == "a@b.example")
    }

    @Test func leavesAnAtomNameUnquoted() {
        #expect(MailAddress(address: "a@b.example", name: "Rita Reviewer").headerText == "Rita Reviewer <a@b.example>")
    }

    @Test func quotesANameWithSpecials() {
        #expect(MailAddress(address: "a@b.example", name: "Reviewer, Rita").headerText == "\"Reviewer, Rita\" <a@b.example>")
        #expect(MailAddress(address: "a@b.example", name: "R. \"Rita\" \\ R").headerText == "\"R. \\\"Rita\\\" \\\\ R\" <a@b.example>")
    }

    @Test func encodesANonASCIIName() {
        let text = MailAddress(address: "a@b.example", name: "Renée Dupont").headerText
        #expect(text.hasSuffix(" <a@b.example>"))
        #expect(EncodedWordDecoder.decode(String(text.dropLast(" <a@b.example>".count))) == "Renée Dupont")
    }

    @Test func tellsWhichAddressesSMTPCanCarry() {
        #expect(MailAddress(address: "reviewer@reviewers.example").isDeliverable)
        #expect(!MailAddress(address: "reviewer").isDeliverable)
        #expect(!MailAddress(address: "@reviewers.example").isDeliverable)
        #expect(!MailAddress(address: "a@b.example>\r\nRCPT TO:<c@d.example").isDeliverable)
        #expect(!MailAddress(address: "a b@c.example").isDeliverable)
        #expect(!MailAddress(address: "josé@b.example").isDeliverable)
    }
}
