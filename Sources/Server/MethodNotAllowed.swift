import Hummingbird

/// A request for a path the server has, by a method it does not answer there, is a 405 naming
/// the methods it does answer (`Allow`), as HTTP asks — not a 404, which would say the resource
/// is not there at all. Added after the routes, it sees only what no route took.
struct MethodNotAllowed<Context: RequestContext>: RouterMiddleware {
    private let routes: [(path: RouterPath, method: HTTPRequest.Method)]

    init(routes: [Router<Context>.RouteDescription]) {
        self.routes = routes.map { ($0.path, $0.method) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            var methods = Set(routes.filter { route in
                route.path.components.count == segments.count && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
            }.map(\.method))
            guard !methods.isEmpty, !methods.contains(request.method) else { throw error }
            if methods.contains(.get) { methods.insert(.head) }
            let allowed = methods.map(\.rawValue).sorted().joined(separator: ", ")
            throw Problem(status: .methodNotAllowed, detail: "\(request.method.rawValue) is not answered here (\(allowed) are)",
                          headers: [.allow: allowed])
        }
    }
}
