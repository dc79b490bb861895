import CGDAL
import Foundation

/// The cells of an XLSX sheet that hold a formula but no value computed for it, as openpyxl and
/// other writers that do not calculate leave "=40+45". GDAL, like any reader that does not
/// calculate, reads such a cell as empty: a figure typed so would vanish without a word.
public enum UncachedFormulas {
    /// The addresses ("D6") of such cells of `sheet`, in the sheet's order; none where the file is
    /// no XLSX or has no sheet of that name.
    public static func cells(_ path: String, sheet: String) -> [String] {
        guard let workbook = part(path, "xl/workbook.xml"), let relations = part(path, "xl/_rels/workbook.xml.rels"),
              let id = tags("sheet", in: workbook).first(where: { $0["name"] == sheet })?["r:id"],
              let target = tags("Relationship", in: relations).first(where: { $0["Id"] == id })?["Target"],
              let xml = part(path, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target) else { return [] }
        // A cell with contents (not <c …/>), and the value inside it.
        let cell = try! NSRegularExpression(pattern: #"<c\b([^>]*?)(?<!/)>(.*?)</c>"#, options: .dotMatchesLineSeparators)
        return cell.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).compactMap { match in
            let inside = String(xml[Range(match.range(at: 2), in: xml)!])
            // openpyxl writes an empty <v></v>; others leave it out.
            guard inside.contains("<f"), inside.range(of: #"<v>[^<]+</v>"#, options: .regularExpression) == nil else { return nil }
            return attributes(String(xml[Range(match.range(at: 1), in: xml)!]))["r"]
        }
    }

    /// A file inside the zip archive, as text.
    static func part(_ path: String, _ name: String) -> String? {
        guard let file = VSIFOpenL("/vsizip/\(path)/\(name)", "rb") else { return nil }
        defer { VSIFCloseL(file) }
        var bytes = [UInt8](repeating: 0, count: 1 << 16), data = Data()
        while case let count = VSIFReadL(&bytes, 1, bytes.count, file), count > 0 { data.append(contentsOf: bytes.prefix(count)) }
        return String(data: data, encoding: .utf8)
    }

    /// The attributes of every `<name …>` tag.
    static func tags(_ name: String, in xml: String) -> [[String: String]] {
        let tag = try! NSRegularExpression(pattern: "<\(name)\\b([^>]*)>")
        return tag.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { attributes(String(xml[Range($0.range(at: 1), in: xml)!])) }
    }

    static func attributes(_ text: String) -> [String: String] {
        let attribute = try! NSRegularExpression(pattern: #"([\w:]+)\s*=\s*"([^"]*)""#)
        return Dictionary(attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (String(text[Range(match.range(at: 1), in: text)!]), unescaped(String(text[Range(match.range(at: 2), in: text)!])))
        }, uniquingKeysWith: { first, _ in first })
    }

    static func unescaped(_ text: String) -> String {
        [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")].reduce(text) {
            $0.replacingOccurrences(of: $1.0, with: $1.1)
        }
    }
}
