import Foundation
import Hummingbird
import Inventory
import NIOCore
import NIOPosix

/// Who is asking: the bearer token or session cookie of a request, checked against the project's
/// sessions, becomes `context.editor`. A project with accounts lets no one in without signing in
/// but to its sign-in page and its landing document as JSON, links only (a page, the map with its
/// figures too, is sent to sign in; a program gets a 401); one
/// without stays public and read-only, as it always was. A request that changes something on the
/// strength of a cookie must carry the session's CSRF token (`X-CSRF-Token`, or the form's `csrf`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let opened: OpenProject
    /// Routes anyone may use, signed in or not.
    let open: Set<String>
    /// Served behind HTTPS: the session cookie is the `Secure` `__Host-` one.
    let secureCookies: Bool

    /// A form post is read whole to find its CSRF token; a sign-in or figures form is far smaller.
    static let maxForm = 1024 * 1024
    static let changing: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let token = SessionToken.presented(in: request, secure: secureCookies)
        let opened = opened
        let (anyAccounts, account) = try await NIOThreadPool.singleton.runIfActive {
            let project = try opened.get()
            return (!(try project.accounts().isEmpty), try token.flatMap { try project.signedIn(tokenHash: $0.hash) })
        }
        var context = context
        context.editor = account?.editor
        guard let token, account != nil else {
            return anyAccounts && !isOpen(request) ? Self.signInFirst(request) : try await next(request, context)
        }
        context.csrfToken = token.csrf
        var request = request
        if token.fromCookie, Self.changing.contains(request.method), try await !SessionToken.same(Self.csrfPresented(in: &request), token.csrf) {
            throw Problem(status: .forbidden, detail: "this form is not one the server gave this session (its CSRF token is missing or wrong); reload the page")
        }
        return try await next(request, context)
    }

    /// Whether anyone may have this: an open route, and the landing page only as the JSON of
    /// the standard (its HTML is the map, with figures computed for it).
    func isOpen(_ request: Request) -> Bool {
        open.contains(request.uri.path) && (request.uri.path != "/" || (try? Format.of(request)) == .json)
    }

    /// A page asked for is sent to sign in and back; anything else hears that it must.
    static func signInFirst(_ request: Request) -> Response {
        if request.method == .get, (try? Format.of(request)) == .html {
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Response(status: .seeOther, headers: [.location: address("", "/login", [("next", back)])])
        }
        var response = Problem(status: .unauthorized, detail: "sign in first: POST /login, then send the token as 'Authorization: Bearer TOKEN'").response
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    /// The CSRF token sent with a request: its header, else the `csrf` field of its form.
    private static func csrfPresented(in request: inout Request) async throws -> String? {
        if let header = request.headers[.init("X-CSRF-Token")!] { return header }
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let body = try await request.body(upTo: maxForm, of: "a form")
        return try FormFields.parse(String(buffer: body), contentType: "application/x-www-form-urlencoded")["csrf"]
    }
}
