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

    /// The rule as it reads in Characters; the parser works on bytes and must agree with it.
    private static func referenceEmail(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domainText = parts.last,
              (1...64).contains(local.count),
              local.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"()<>,;:\\\"[]".contains($0) }),
              local.first != ".", local.last != ".", !local.contains(".."),
              let domain = DomainName(parsing: String(domainText))
        else { return nil }
        return "\(local)@\(domain.rawValue)"
    }

    @Test(arguments: [
        "ana@partner.example", " Ana.Gil@Partner.Example\n", "a@b.co", "a..b@x.com", ".a@x.com", "a.@x.com", "a@@x.com",
        "a@x.com@y.com", "@x.com", "a@", "a b@x.com", "a\u{1}b@x.com", "a\u{7F}@x.com", "a\r\nb@x.com", "(a)@x.com",
        "a\\b@x.com", "\"a\"@x.com", "ñ@x.com", "a@\u{301}x.com", "a\u{301}@x.com", "a@x\u{301}.com", "a@bücher.example",
        String(repeating: "a", count: 64) + "@x.com", String(repeating: "a", count: 65) + "@x.com", "a+tag@x.com",
        "\u{00A0}a@x.com\u{2028}", "a@10.0.0.1", "é@x.com", "a@\u{212A}.com",
    ])
    func emailAddressesReadAsTheCharacterRuleDoes(_ text: String) {
        #expect(EmailAddress(parsing: text)?.rawValue == Self.referenceEmail(text))
    }

    @Test func generatedEmailAddressesReadAsTheCharacterRuleDoes() {
        var generator = SystemRandomNumberGenerator()
        let localPieces = ["a", "Z", "0", ".", " ", "-", "_", "+", "\u{1}", "\r\n", "\t", "(", "\"", "ñ", "\u{301}", "@"]
        let domainPieces = ["x", "Contoso", "-", ".", "0", "ü", "\u{301}", " ", "_", "\u{212A}"]
        func pick(_ pieces: [String], _ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &generator)).map { _ in
                // Mostly plain letters, so that many generated addresses are accepted.
                Bool.random(using: &generator) ? pieces[0] : pieces.randomElement(using: &generator)!
            }.joined()
        }
        var accepted = 0
        for _ in 0..<2_000 {
            let text = pick(localPieces, 1...6) + ["@", "@", "@", "@@", "", "@\u{301}"].randomElement(using: &generator)!
                + pick(domainPieces, 1...4) + [".com", ".example", "", ".1", "."].randomElement(using: &generator)!
            let parsed = EmailAddress(parsing: text)
            #expect(parsed?.rawValue == Self.referenceEmail(text), "\(text.debugDescription)")
            if parsed != nil { accepted += 1 }
        }
        // Both ways of reading are exercised, not only refusals.
        #expect(accepted > 20)
    }
}
