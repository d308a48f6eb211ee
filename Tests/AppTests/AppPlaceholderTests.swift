import Testing
@testable import App

@Test func appPlaceholder() { #expect(Bool(true)) }
