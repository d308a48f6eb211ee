import Testing
@testable import Templating

@Test func templatingPlaceholder() { #expect(Bool(true)) }
