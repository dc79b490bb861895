import Foundation

/// Leaflet as Debian's `libjs-leaflet` installs it, read at run time to be inlined into a page
/// (nothing of it is kept in the project): its script, and its style sheet with the images it
/// names turned into data URIs, so that the page fetches nothing.
public struct Leaflet: Sendable {
    public static let folder = "/usr/share/javascript/leaflet"

    public let script: String
    public let style: String

    public static func installed(in folder: String = folder) throws -> Leaflet {
        func read(_ name: String) throws -> String {
            guard let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else {
                throw AtlasError.leafletMissing(folder)
            }
            return text
        }
        var style = try read("leaflet.css")
        let images = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/images")) ?? []
        for image in images where image.hasSuffix(".png") {
            guard let data = FileManager.default.contents(atPath: "\(folder)/images/\(image)") else { continue }
            style = style.replacingOccurrences(of: "url(images/\(image))", with: "url(data:image/png;base64,\(data.base64EncodedString()))")
        }
        // The source map comment would only send a browser's developer tools looking for a file.
        let script = try read("leaflet.min.js").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("//# sourceMappingURL") }.joined(separator: "\n")
        return Leaflet(script: script, style: style)
    }
}

public enum AtlasError: Error, Equatable, CustomStringConvertible {
    case leafletMissing(String)

    public var description: String {
        switch self {
        case let .leafletMissing(folder):
            "Leaflet is not installed (\(folder)/leaflet.min.js): install Debian's libjs-leaflet (apt-get install libjs-leaflet)"
        }
    }
}
