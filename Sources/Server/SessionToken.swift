import Crypto
import Foundation
import Hummingbird

/// A sign-in session's token: 256 random bits, handed to the client once (a cookie for a browser,
/// a bearer token for a program) and kept by the project only as its SHA-256, so that a copy of
/// the project signs no one in.
struct SessionToken: Sendable {
    let text: String
    /// How the client sent it: a cookie rides along on requests other sites make it send, so
    /// those need a CSRF token too; a bearer token is sent only by a program that holds it.
    let fromCookie: Bool

    static let cookieName = "habitat_session"
    /// Its name behind HTTPS: a `__Host-` cookie, which browsers take only over HTTPS, from this
    /// host itself (no sibling subdomain can set it), for the whole site.
    static let secureCookieName = "__Host-habitat_session"
    /// A working day and then some.
    static let lifetime: TimeInterval = 12 * 3600

    /// A new token, from the system's secure random numbers.
    static func new() -> SessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return SessionToken(text: text, fromCookie: false)
    }

    /// The token a request carries: its bearer token, else its session cookie (the `__Host-` one
    /// when served behind HTTPS, `secure`).
    static func presented(in request: Request, secure: Bool) -> SessionToken? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return SessionToken(text: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), fromCookie: false)
        }
        return request.cookies[secure ? secureCookieName : cookieName].map { SessionToken(text: $0.value, fromCookie: true) }
    }

    /// What the project keeps.
    var hash: String { Self.hex(SHA256.hash(data: Data(text.utf8))) }

    /// The CSRF token of this session: derived from the session's token, which no other site can
    /// read, so only pages this server rendered for the session carry it.
    var csrf: String { Self.hex(SHA256.hash(data: Data(("csrf " + text).utf8))) }

    /// The cookie that carries the token (none of the page's scripts can read it, no other site's
    /// request carries it; `secure`, only over HTTPS), or, with `maxAge` 0, the one that removes it.
    func cookie(secure: Bool, maxAge: Int = Int(lifetime)) -> Cookie {
        Cookie(name: secure ? Self.secureCookieName : Self.cookieName, value: maxAge == 0 ? "" : text, maxAge: maxAge, path: "/",
               secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether a token presented is `expected`, compared in time that tells nothing of where they differ.
    static func same(_ presented: String?, _ expected: String) -> Bool {
        guard let presented else { return false }
        let (a, b) = (Array(presented.utf8), Array(expected.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
