import Testing
@testable import Claims

@Test func claimsPlaceholder() { #expect(Bool(true)) }
