import Foundation
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix

/// Signing in and out: `GET /login` (the page), `POST /login` (a form gets the session cookie and
/// is sent on; a JSON body gets `{token, expires}` for a program to send as a bearer token) and
/// `POST /logout`. Wrong passwords are slowed so that no one can shut others out: twenty per
/// client address in a window, whatever the names; five per account from one address; and only
/// a far higher number per account from everywhere (made-up names count per address only). Past
/// a limit every attempt, the right password's too, waits for its window to pass.
struct SignIn: Sendable {
    let project: String
    let byAddress: RateLimit
    /// Keyed by account and address together.
    let byAccountFromAddress: RateLimit
    let byAccount: RateLimit
    /// Served behind HTTPS: the session cookie is the `Secure` `__Host-` one.
    var secureCookies = false

    /// In 15 minutes: 20 wrong passwords per address, 5 per account and address, 200 per account.
    static func standard(project: String) -> SignIn {
        SignIn(project: project, byAddress: RateLimit(limit: 20, window: 900, keys: 10_000),
               byAccountFromAddress: RateLimit(limit: 5, window: 900, keys: 10_000),
               byAccount: RateLimit(limit: 200, window: 900, keys: 10_000))
    }

    static let maxBody = 8 * 1024

    func addRoutes(to router: Router<ServerContext>) {
        router.get("/login") { request, context in try page(request, context) }
        router.post("/login") { request, context in try await signIn(request, from: context.remoteAddress?.ipAddress ?? "unknown") }
        router.post("/logout") { request, _ in try await signOut(request) }
    }

    func page(_ request: Request, _ context: ServerContext) throws -> Response {
        try request.onlyParameters(["next", "f"])
        return Self.html(Self.form(next: request.uri.queryParameters["next"].map(String.init), signedIn: context.editor,
                                   csrf: context.csrfToken, problem: nil), status: .ok)
    }

    func signIn(_ request: Request, from address: String) async throws -> Response {
        try Self.refuseCrossSite(request)
        var request = request
        let body = try await request.body(upTo: Self.maxBody, of: "a sign-in")
        let contentType = request.headers[.contentType] ?? ""
        let fields = try FormFields.parse(String(buffer: body), contentType: contentType)
        if let unknown = fields.keys.sorted().first(where: { !["name", "password", "next", "csrf"].contains($0) }) {
            throw Problem.badRequest("unknown field '\(ItemsQuery.shown(unknown))' (fields: name, password, next)")
        }
        let form = !contentType.lowercased().hasPrefix("application/json")
        let next = Self.safeNext(fields["next"])
        guard let name = fields["name"], !name.isEmpty, let password = fields["password"] else {
            throw Problem.badRequest("name and password: both are needed")
        }
        // No account has a longer name: refused before it is counted anywhere.
        guard name.count <= Accounts.maxName else { throw Problem.badRequest("name: longer than \(Accounts.maxName) characters") }
        let project = project
        let account = try await NIOThreadPool.singleton.runIfActive {
            try ProjectFile.open(project).accounts().first { $0.name == name && !$0.disabled }
        }
        if let wait = admit(name: name, from: address, known: account != nil) {
            var response = Problem(status: .tooManyRequests, detail: "too many wrong passwords; try again in \(wait) seconds").response
            response.headers[.retryAfter] = String(wait)
            return response
        }
        guard try await Passwords.check(password, hash: account?.passwordHash) else {
            let detail = "wrong name or password"
            if form { return Self.html(Self.form(next: next, signedIn: nil, csrf: nil, problem: detail), status: .unauthorized) }
            throw Problem(status: .unauthorized, detail: detail)
        }
        release(name: name, from: address)
        let (token, expires) = (SessionToken.new(), Date().addingTimeInterval(SessionToken.lifetime))
        try await NIOThreadPool.singleton.runIfActive {
            try Accounts.startSession(tokenHash: token.hash, for: name, expires: expires, in: project)
        }
        if form {
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(token.cookie(secure: secureCookies))
            return response
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(
                            ["token": token.text, "expires": Instant.string(expires)]))))
    }

    /// Counts a sign-in before its password is checked (so that many at once gain nothing): by its
    /// address first, then, for an account that exists, by the account from that address and by
    /// the account. Nil when admitted; else the seconds to wait, and nothing stays counted.
    func admit(name: String, from address: String, known: Bool) -> Int? {
        let limits = [(byAddress, address)] + (known ? [(byAccountFromAddress, Self.pair(name, address)), (byAccount, name)] : [])
        for (index, (limit, key)) in limits.enumerated() where !limit.admit(key) {
            for (counted, countedKey) in limits.prefix(index) { counted.release(countedKey) }
            return Int((limit.retryAfter(key) ?? limit.window).rounded(.up))
        }
        return nil
    }

    /// Takes back what `admit` counted: the password was right.
    func release(name: String, from address: String) {
        byAddress.release(address)
        byAccountFromAddress.release(Self.pair(name, address))
        byAccount.release(name)
    }

    private static func pair(_ name: String, _ address: String) -> String { name + "\u{0}" + address }

    /// A sign-in another site's page sent (login CSRF: the browser would end up signed in as
    /// someone else) is refused, by what browsers say of where it came from.
    static func refuseCrossSite(_ request: Request) throws {
        if let site = request.headers[.init("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site.lowercased()) {
            throw Problem(status: .forbidden, detail: "a sign-in from another site's page is refused (Sec-Fetch-Site: \(ItemsQuery.shown(site)))")
        }
        if let origin = request.headers[.origin] {
            let host = URL(string: origin)?.host.map { host in URL(string: origin)?.port.map { "\(host):\($0)" } ?? host }
            guard let host, host.lowercased() == request.head.authority?.lowercased() else {
                throw Problem(status: .forbidden, detail: "a sign-in from another site's page is refused (Origin: \(ItemsQuery.shown(origin)))")
            }
        }
    }

    /// Ends the session the request carries (the session middleware has checked its CSRF token).
    func signOut(_ request: Request) async throws -> Response {
        guard let token = SessionToken.presented(in: request, secure: secureCookies) else { throw Problem(status: .unauthorized, detail: "not signed in") }
        let project = project
        try await NIOThreadPool.singleton.runIfActive { try Accounts.endSession(tokenHash: token.hash, in: project) }
        var response = token.fromCookie ? Response(status: .seeOther, headers: [.location: "/login"]) : Response(status: .noContent)
        response.setCookie(token.cookie(secure: secureCookies, maxAge: 0))
        return response
    }

    /// Where to go after signing in: a path of this server, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return next
    }

    static func form(next: String?, signedIn editor: Editor?, csrf: String?, problem: String?) -> String {
        func hidden(_ name: String, _ value: String) -> String {
            "<input type=\"hidden\" name=\"\(name)\" value=\"\(MarkupText.escaped(value))\">"
        }
        let who = editor.map { editor in
            "<p>Signed in as <b>\(MarkupText.escaped(editor.name))</b>.</p>"
                + "<form method=\"post\" action=\"/logout\">\(hidden("csrf", csrf ?? ""))<button>Sign out</button></form>"
        } ?? ""
        let warning = problem.map { "<p class=\"problem\" role=\"alert\">\(MarkupText.escaped($0))</p>" } ?? ""
        return HTMLPage.render(title: "Sign in", body: who + warning + """
            <form method="post" action="/login">
            <p><label>Name <input name="name" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
            \(hidden("next", safeNext(next)))\(csrf.map { hidden("csrf", $0) } ?? "")
            <p><button>Sign in</button></p>
            </form>
            """)
    }

    static func html(_ page: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
