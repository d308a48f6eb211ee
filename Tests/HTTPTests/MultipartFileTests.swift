import Testing
@testable import HTTP

@Suite struct MultipartFileTests {
    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        ("C:\\evil\\a.pdf", "a.pdf"),
        ("/abs/path/", "upload"),
        ("", "upload"),
        ("..", "upload"),
        ("  report.pdf \t", "report.pdf"),
        ("in\u{0}voice\r\n.pdf", "invoice.pdf"),
        ("evil\u{202E}fdp.exe", "evilfdp.exe"),
        ("Kvittering – København.pdf", "Kvittering – København.pdf"),
    ])
    func sanitisesFilenames(raw: String, expected: String) {
        #expect(MultipartFile.sanitisedFilename(raw) == expected)
    }

    @Test func shortensLongNamesKeepingTheExtension() {
        let long = MultipartFile.sanitisedFilename(String(repeating: "a", count: 300) + ".pdf")
        #expect(long.count == 200)
        #expect(long.hasSuffix("aaa.pdf"))
        let wide = MultipartFile.sanitisedFilename(String(repeating: "æ", count: 199) + ".docx")
        #expect(wide.utf8.count <= 255)
        #expect(wide.hasSuffix("æ.docx"))
        #expect(MultipartFile.sanitisedFilename(String(repeating: "b", count: 250)).count == 200)
    }
}
