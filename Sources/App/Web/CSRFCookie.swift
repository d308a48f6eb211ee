import Digest
import Foundation
import Secrets

/// The CSRF cookie of a visitor not signed in (ASVS V3.5): a random value and the HMAC of it under
/// the service's key, so the form field must echo a value this service made. A value a client
/// chose, or one planted by a sibling site, carries no valid tag and is replaced.
struct CSRFCookie: Sendable {
    let key: [UInt8]

    /// "nonce.tag", both base64url.
    func mint(_ random: SecureRandom) -> String {
        let nonce = random.token()
        return nonce + "." + tag(nonce)
    }

    /// Whether `value` is one this service minted, compared in constant time.
    func isGenuine(_ value: String) -> Bool {
        guard let dot = value.lastIndex(of: "."), value.count <= 200 else { return false }
        let nonce = String(value[..<dot])
        guard nonce.count >= 32 else { return false }
        return ConstantTime.equals(String(value[value.index(after: dot)...]), tag(nonce))
    }

    private func tag(_ nonce: String) -> String {
        Data(HMACSHA256.authenticationCode(for: Array(("cpor-csrf:" + nonce).utf8), key: key)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
