/// How a layer is drawn, in terms both QML (QGIS) and SLD (other clients) can say: one fill for
/// every feature, a fill per value of a field, or a fill per range of the feature's area. A layer of
/// points (the cases of 治乱治脏) is drawn as circles of those fills.
struct Symbology {
    /// A polygon's fill and outline. Colours are "R,G,B,A" (0–255), as QGIS writes them.
    struct Fill {
        var color: String?
        var outline: String
        var outlineWidth: Double = 0.26
        var dashed = false

        static func solid(_ color: String, outline: String = "80,80,80,255") -> Fill { Fill(color: color, outline: outline) }
        static func outlined(_ outline: String, width: Double, dashed: Bool = false) -> Fill {
            Fill(color: nil, outline: outline, outlineWidth: width, dashed: dashed)
        }
    }

    /// A feature whose `field` holds `value`.
    struct Category {
        var value: String
        var label: String
        var fill: Fill
    }

    /// A feature whose polygon's area (m², in the layer's CRS) lies in [atLeast, below).
    struct AreaClass {
        var atLeast: Double?
        var below: Double?
        var label: String
        var fill: Fill
    }

    enum Renderer {
        case single(Fill)
        case categorized(field: String, [Category])
        case byArea([AreaClass])
    }

    var renderer: Renderer
    /// Whether the fills colour polygons or circles marking points.
    var marksPoints = false
}

extension Symbology.AreaClass {
    /// The class as a QGIS expression: the polygon's planar area, as coverage measures it.
    var expression: String {
        [atLeast.map { "area($geometry) >= \(Self.number($0))" }, below.map { "area($geometry) < \(Self.number($0))" }]
            .compactMap { $0 }.joined(separator: " AND ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
