import Foundation
import Hummingbird

/// JSON for machines, HTML for people, on the same routes: `f=json|html` decides, else the Accept
/// header (a browser asks for text/html).
enum Format {
    case json, html

    static func of(_ request: Request) throws -> Format {
        if let f = request.uri.queryParameters["f"] {
            switch f {
            case "json", "geojson": return .json
            case "html": return .html
            default: throw Problem.badRequest("f: '\(ItemsQuery.shown(String(f)))' is not a format served (json, html)")
            }
        }
        return (request.headers[.accept] ?? "").contains("text/html") ? .html : .json
    }
}

extension Request {
    /// The query's parameters, in order.
    var parameters: [(key: String, value: String)] {
        uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// Refuses parameters other than `allowed`.
    func onlyParameters(_ allowed: [String]) throws {
        if let unknown = parameters.first(where: { !allowed.contains($0.key) }) {
            throw Problem.badRequest("unknown parameter '\(ItemsQuery.shown(unknown.key))' (this resource takes "
                                     + (allowed.isEmpty ? "none" : allowed.joined(separator: ", ")) + ")")
        }
    }

    /// Where the client reached the server (its Host), for absolute links; `fallback` when it
    /// names none a link could carry.
    func base(fallback: String) -> String {
        let host = head.authority ?? ""
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        guard !host.isEmpty, host.count < 256, host.allSatisfy(allowed.contains) else { return "http://\(fallback)" }
        return "http://\(host)"
    }
}

/// A URL of this service with query parameters, their values percent-encoded.
func address(_ base: String, _ path: String, _ parameters: [(key: String, value: String)] = []) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    let query = parameters.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
    return base + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
}
