import Testing
@testable import Claims

/// What the value types accept and how they write it, pinned: the tenant directory import parses
/// hundreds of thousands of them, so they have fast paths that must read exactly as before.
@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("contoso.com", "contoso.com"),
        ("Contoso.COM", "contoso.com"),
        (" contoso.com\n", "contoso.com"),
        ("\u{00A0}contoso.com\u{2028}", "contoso.com"),
        ("a-b.c-d.example", "a-b.c-d.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
        ("1.2.3.example", "1.2.3.example"),
        ("\u{212A}ontoso.com", "kontoso.com"),
        (String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 63) + ".com"),
        ([String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abc",
         [String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abc"),
    ])
    func domainNamesAccepted(_ text: String, _ expected: String) {
        #expect(DomainName(parsing: text)?.rawValue == expected)
    }

    @Test(arguments: [
        "contoso", "", " ", "-contoso.com", "contoso-.com", "contoso..com", ".contoso.com", "contoso.com.", "10.0.0.1",
        "contoso.123", "bücher.example", "con toso.com", "contoso_sales.com", "contoso.com/x", "a\r\nb.com",
        String(repeating: "a", count: 64) + ".com",
        [String](repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".") + ".abcd",
        "\u{0130}stanbul.example",
    ])
    func domainNamesRefused(_ text: String) {
        #expect(DomainName(parsing: text) == nil)
    }

    @Test(arguments: [
        ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        ("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        ("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        (" 3f2504e0-4f89-11d3-9a0c-0305e82c3301\t", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        ("\u{00A0}3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        ("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000"),
    ])
    func guidsAccepted(_ text: String, _ expected: String) {
        #expect(TenantID(parsing: text)?.rawValue == expected)
        #expect(SubscriptionID(parsing: text)?.rawValue == expected)
    }

    @Test(arguments: [
        "", "3f2504e04f8911d39a0c0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330", "3f2504e0-4f89-11d3-9a0c-0305e82c33011",
        "g f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0_4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
        "{3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301\n", "3f2504e0-4f8911d3-9a0c-0305e82c3301-",
    ])
    func guidsRefused(_ text: String) {
        #expect(TenantID(parsing: text) == nil)
        #expect(SubscriptionID(parsing: text) == nil)
    }
}
