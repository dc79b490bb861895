import Foundation
import GeoIO

/// RFC 4180 quoting for the CSV files people and programs open, with text a spreadsheet would take
/// for a formula guarded (SpreadsheetText).
enum CSV {
    static func field(_ text: String) -> String {
        let text = SpreadsheetText.guarded(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV file for people: UTF-8 with a byte-order mark, so that Excel and WPS show Chinese right.
    static func forPeople(_ text: String) -> Data {
        Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
    }
}
