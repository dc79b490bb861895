/// How placemarks look in Google Earth and 奥维互动地图: shared styles (one per class of the
/// layer's symbology), each feature's style, and each feature's balloon (HTML).
public struct KMLPresentation: Sendable {
    public struct Style: Sendable {
        public let id: String
        /// Colours "R,G,B,A" (0–255), as QGIS writes them; no fill for an outline only.
        public let fill: String?
        public let outline: String
        /// In pixels.
        public let outlineWidth: Double

        public init(id: String, fill: String?, outline: String, outlineWidth: Double) {
            self.id = id
            self.fill = fill
            self.outline = outline
            self.outlineWidth = outlineWidth
        }

        /// As an OGR style string, which the LIBKML driver turns into KML's <Style>.
        var ogrStyle: String {
            "BRUSH(fc:\(Self.hex(fill ?? "0,0,0,0")));PEN(c:\(Self.hex(outline)),w:\(Self.number(outlineWidth))px)"
        }

        /// "R,G,B,A" as "#RRGGBBAA".
        private static func hex(_ color: String) -> String {
            let parts = color.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let rgba = parts.count == 4 ? parts : parts.count == 3 ? parts + [255] : [0, 0, 0, 255]
            return "#" + rgba.map { value in
                let digits = String(min(max(value, 0), 255), radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }

        private static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    public var styles: [Style]
    /// The id of each feature's style, in the layer's order.
    public var featureStyles: [String]
    /// Each feature's balloon, in the layer's order.
    public var balloons: [String]
    /// The name Google Earth lists the layer's folder by.
    public var title: String?

    public init(styles: [Style], featureStyles: [String], balloons: [String], title: String? = nil) {
        self.styles = styles
        self.featureStyles = featureStyles
        self.balloons = balloons
        self.title = title
    }

    /// The field LIBKML writes as a placemark's <description>, which Google Earth shows as its balloon.
    static let balloonField = "description"
}
