/// Text that Excel or WPS would run as a formula when it opens a CSV file — a cell beginning with
/// `=`, `+`, `-` or `@` (or a tab or carriage return before one): "=HYPERLINK(…)", "-2+3+cmd|…" — is
/// written with a leading apostrophe, so that it shows as text (CSV injection). Text that is only a
/// number ("-3") stays as it is. XLSX needs nothing: GDAL writes every string there as a shared
/// string, never as a formula.
public enum SpreadsheetText {
    public static func guarded(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    static func guarded(_ value: AttributeValue) -> AttributeValue {
        guard case let .string(text) = value else { return value }
        return .string(guarded(text))
    }

    /// "-3", "+1.5": a sign, digits, at most one decimal point.
    private static func isPlainNumber(_ text: String) -> Bool {
        let unsigned = text.drop { $0 == "+" || $0 == "-" }
        guard text.count - unsigned.count == 1, unsigned.first?.isASCII == true, unsigned.first?.isNumber == true else { return false }
        return unsigned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && unsigned.filter { $0 == "." }.count <= 1
    }
}
