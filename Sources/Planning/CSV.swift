import GeoIO

/// RFC 4180 quoting for the CSV files people and programs open, with text a spreadsheet would take
/// for a formula guarded (SpreadsheetText).
enum CSV {
    static func field(_ text: String) -> String {
        let text = SpreadsheetText.guarded(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
