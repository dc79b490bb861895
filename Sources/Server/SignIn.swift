import Foundation
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix

/// Signing in and out: `GET /login` (the page), `POST /login` (a form gets the session cookie and
/// is sent on; a JSON body gets `{token, expires}` for a program to send as a bearer token) and
/// `POST /logout`. Wrong passwords are slowed per account and per address: after five (twenty) of
/// them in a window, every attempt, the right password's too, waits for the window to pass.
struct SignIn: Sendable {
    let project: String
    let byAccount: RateLimit
    let byAddress: RateLimit

    /// Five wrong passwords per account in 15 minutes, twenty per address.
    static func standard(project: String) -> SignIn {
        SignIn(project: project, byAccount: RateLimit(limit: 5, window: 900, addresses: 10_000),
               byAddress: RateLimit(limit: 20, window: 900, addresses: 10_000))
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
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBody)
        } catch is NIOTooManyBytesError {
            throw Problem(status: .contentTooLarge, detail: "a sign-in is at most \(Self.maxBody / 1024) KB")
        }
        let contentType = request.headers[.contentType] ?? ""
        let fields = try PublicReports.Report.fields(String(buffer: body), contentType: contentType)
        if let unknown = fields.keys.sorted().first(where: { !["name", "password", "next", "csrf"].contains($0) }) {
            throw Problem.badRequest("unknown field '\(ItemsQuery.shown(unknown))' (fields: name, password, next)")
        }
        let form = !contentType.lowercased().hasPrefix("application/json")
        let next = Self.safeNext(fields["next"])
        guard let name = fields["name"], !name.isEmpty, let password = fields["password"] else {
            throw Problem.badRequest("name and password: both are needed")
        }
        // Counted before the password is checked (so that many at once gain nothing), taken
        // back when it was right; one refused is counted by neither.
        var admitted = byAccount.admit(name)
        if admitted, !byAddress.admit(address) {
            byAccount.release(name)
            admitted = false
        }
        guard admitted else {
            let wait = Int(([byAccount.retryAfter(name), byAddress.retryAfter(address)].compactMap { $0 }.max() ?? byAccount.window).rounded(.up))
            var response = Problem(status: .tooManyRequests, detail: "too many wrong passwords; try again in \(wait) seconds").response
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let project = project
        let session: (token: SessionToken, expires: Date)? = try await NIOThreadPool.singleton.runIfActive {
            let account = try ProjectFile.open(project).accounts().first { $0.name == name && !$0.disabled }
            guard Passwords.matches(password, hash: account?.passwordHash) else { return nil }
            let (token, expires) = (SessionToken.new(), Date().addingTimeInterval(SessionToken.lifetime))
            try Accounts.startSession(tokenHash: token.hash, for: name, expires: expires, in: project)
            return (token, expires)
        }
        guard let session else {
            let detail = "wrong name or password"
            if form { return Self.html(Self.form(next: next, signedIn: nil, csrf: nil, problem: detail), status: .unauthorized) }
            throw Problem(status: .unauthorized, detail: detail)
        }
        byAccount.release(name)
        byAddress.release(address)
        if form {
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(session.token.cookie())
            return response
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: GeoJSONDocument.json(
                            ["token": session.token.text, "expires": Instant.string(session.expires)]))))
    }

    /// Ends the session the request carries (the session middleware has checked its CSRF token).
    func signOut(_ request: Request) async throws -> Response {
        guard let token = SessionToken.presented(in: request) else { throw Problem(status: .unauthorized, detail: "not signed in") }
        let project = project
        try await NIOThreadPool.singleton.runIfActive { try Accounts.endSession(tokenHash: token.hash, in: project) }
        var response = token.fromCookie ? Response(status: .seeOther, headers: [.location: "/login"]) : Response(status: .noContent)
        response.setCookie(token.cookie(maxAge: 0))
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
