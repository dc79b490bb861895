/// Text as it goes into markup (an HTML page, a QGIS style's XML): the characters markup would
/// read escaped.
public enum MarkupText {
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
