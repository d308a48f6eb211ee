import Testing
import Templating

@Suite struct TemplateErrorTests {
    @Test func describesLikeACompiler() {
        let error = TemplateError(file: "file.html", line: 12, column: 5, message: "unclosed section 'claims'")
        #expect(error.description == "file.html:12:5: unclosed section 'claims'")
    }

    @Test func omitsPositionWhenThereIsNone() {
        let error = TemplateError(file: "missing", line: 0, column: 0, message: "unknown template 'missing'")
        #expect(error.description == "missing: unknown template 'missing'")
    }
}
