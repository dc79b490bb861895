import Foundation

/// The fields of a posted body, a JSON object or an HTML form (`application/x-www-form-urlencoded`),
/// as text: how the sign-in, the public reports and the CSRF check all read what is posted.
enum FormFields {
    static func parse(_ body: String, contentType: String) throws -> [String: String] {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/json":
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else {
                throw Problem.badRequest("the body is not a JSON object")
            }
            return try object.mapValues { value in
                switch value {
                case let text as String: return text
                case let number as NSNumber: return number.stringValue
                default: throw Problem.badRequest("fields are text or numbers")
                }
            }
        case "application/x-www-form-urlencoded":
            guard !body.isEmpty else { return [:] }
            var components = URLComponents()
            components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
            guard let items = components.queryItems else { throw Problem.badRequest("the body is not a form") }
            var fields: [String: String] = [:]
            for item in items {
                guard fields[item.name] == nil else { throw Problem.badRequest("\(ItemsQuery.shown(item.name)): given twice") }
                fields[item.name] = item.value ?? ""
            }
            return fields
        default:
            throw Problem(status: .unsupportedMediaType, detail: "send application/json or application/x-www-form-urlencoded")
        }
    }
}
