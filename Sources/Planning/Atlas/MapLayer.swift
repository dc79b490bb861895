import GeoIO

/// One layer of the atlas map: its features (in the project CRS), how it is drawn, and its legend
/// entry. Each is drawn in a pane of its own, so that the page can count what it drew per layer.
public struct MapLayer: Sendable {
    public enum Style: Sendable, Equatable {
        /// Filled polygons (points as small circles) of one colour.
        case fill(colour: String, opacity: Double)
        /// Outlines only.
        case outline(colour: String, dashed: Bool)
        /// Residential land coloured by its covered share (`covered_pct`), in classes of 25 %.
        case coveredShare
        /// Hotspots (`Hotspots.layer`): orange, the 热点难点 (`hard_spot` 1) red, outlined thick and labelled.
        case hotspots
    }

    public static let hotspotsTitle = "热点 hotspots (in red the 热点难点: a case open over 30 days)"
    /// Hotspots, and among them the 热点难点.
    public static let hotspotColours = (hotspot: "#ff9800", hardSpot: "#c62828")

    /// Letters, digits and hyphens: the pane's name.
    public let id: String
    public let title: String
    public let style: Style
    public let layer: FeatureLayer
    /// Where the page reads the features from when it opens, instead of carrying them: an OGC API
    /// – Features items address (its pages followed by their `next` links). Nil for a page that
    /// holds its data (the atlas file).
    public let url: String?
    /// Drawn when the page opens (the others are a click away in the layer control).
    public var shown = true

    public init(id: String, title: String, style: Style, layer: FeatureLayer, shown: Bool = true) {
        (self.id, self.title, self.style, self.layer, self.url, self.shown) = (id, title, style, layer, nil, shown)
    }

    /// A layer the page reads live from `url` (a server's map page).
    public init(id: String, title: String, style: Style, url: String, shown: Bool = true) {
        (self.id, self.title, self.style, self.url, self.shown) = (id, title, style, url, shown)
        layer = FeatureLayer(source: url, name: id, fields: [], coordinateSystem: nil)
    }

    /// The features the map draws: those with a geometry.
    public var featureCount: Int { layer.features.filter { $0.geometry != nil }.count }

    /// The covered-share classes and their colours, from none to all.
    public static let shareClasses: [(label: String, colour: String)] = [
        ("0–25 %", "#d73027"), ("25–50 %", "#fc8d59"), ("50–75 %", "#fee08b"), ("75–100 %", "#1a9850"),
    ]

    /// The features as RFC 7946 GeoJSON (WGS 84), as `habitat export` writes them.
    func geoJSON() throws -> String {
        var drawn = layer
        drawn.features = layer.features.filter { $0.geometry != nil }
        return try VectorWriter.geoJSON(drawn)
    }

    /// The layer's description for the page's script.
    var settings: [String: Any] {
        var settings: [String: Any] = ["id": id, "title": title, "shown": shown]
        if let url { settings["url"] = url }
        switch style {
        case let .fill(colour, opacity): settings.merge(["kind": "fill", "colour": colour, "opacity": opacity]) { $1 }
        case let .outline(colour, dashed): settings.merge(["kind": "outline", "colour": colour, "dashed": dashed]) { $1 }
        case .coveredShare: settings.merge(["kind": "share", "classes": Self.shareClasses.map(\.colour)]) { $1 }
        case .hotspots: settings.merge(["kind": "hotspots", "colour": Self.hotspotColours.hotspot, "hardColour": Self.hotspotColours.hardSpot]) { $1 }
        }
        return settings
    }
}
