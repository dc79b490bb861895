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
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let (name, value) = (try decoded(parts[0]), try parts.count > 1 ? decoded(parts[1]) : "")
                guard fields[name] == nil else { throw Problem.badRequest("\(ItemsQuery.shown(name)): given twice") }
                fields[name] = value
            }
            return fields
        default:
            throw Problem(status: .unsupportedMediaType, detail: "send application/json or application/x-www-form-urlencoded")
        }
    }

    /// One name or value of a form: `+` is a space, `%XX` a byte of UTF-8. A program that sent
    /// a space or a Chinese character as it is gets it back as it is (browsers always encode);
    /// a `%` not followed by two hex digits, or bytes that are not UTF-8, are refused.
    private static func decoded(_ text: Substring) throws -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        var bytes: [UInt8] = []
        var utf8 = Array(spaced.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            let digits = utf8.prefix(2)
            guard digits.count == 2, digits.allSatisfy({ Character(UnicodeScalar($0)).isHexDigit }),
                  let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else {
                throw Problem.badRequest("the form is not well encoded: '%' must be followed by two hex digits")
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw Problem.badRequest("the form is not UTF-8") }
        return decoded
    }
}
