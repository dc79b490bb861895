import Foundation
import Hummingbird

/// A request the server refuses, said as a JSON problem document (RFC 7807) — the error response
/// OGC API – Features asks for: a status, a title and what was wrong, never a stack trace or a
/// file path.
struct Problem: Error {
    let status: HTTPResponse.Status
    let detail: String
    /// Headers the status asks for (a 405's `Allow`).
    var headers: HTTPFields = [:]

    static func badRequest(_ detail: String) -> Problem { Problem(status: .badRequest, detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(status: .notFound, detail: detail) }

    /// The problem document.
    var body: Data {
        let document: [String: Any] = ["type": "about:blank", "title": status.reasonPhrase, "status": status.code, "detail": detail]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
    }

    var response: Response {
        var headers = headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error into a problem document: the server's own refusals as they are, anything
/// else as a 500 whose message names no file (it is logged instead).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as HTTPError where error.status == .notFound {
            return Problem.notFound("no such resource").response
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            return Problem(status: error.status, detail: error.status.reasonPhrase).response
        } catch {
            context.logger.error("\(request.method) \(request.uri): \(error)")
            return Problem(status: .internalServerError, detail: "the server could not answer this request").response
        }
    }
}
