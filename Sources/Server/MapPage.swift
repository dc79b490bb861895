import Foundation
import GeoIO
import Planning

/// `/`: the programme on a map, drawn by the atlas's renderer with each layer read live from the
/// service's items endpoints, beside the indicators and progress panels the atlas shows.
struct MapPage {
    let service: FeatureService

    /// The layers drawn, bottom to top, and how.
    static let layers: [(collection: String, title: String, style: MapLayer.Style)] = [
        ("built_up_areas", "建成区 built-up areas", .outline(colour: "#424242", dashed: true)),
        ("service_area", "服务范围 park service area", .fill(colour: "#81c784", opacity: 0.2)),
        ("residential", "居住用地 residential land", .fill(colour: "#d7ccc8", opacity: 0.7)),
        ("uncovered_residential", "未覆盖居住用地 residential land out of reach", .fill(colour: "#7f0000", opacity: 0.55)),
        ("parks", "公园 parks", .fill(colour: "#2e7d32", opacity: 0.85)),
        ("old_factories", "旧厂区 old factories", .fill(colour: "#8e24aa", opacity: 0.7)),
        ("urban_villages", "城中村 urban villages", .fill(colour: "#e53935", opacity: 0.4)),
        ("old_residential", "旧住宅区 old residential areas", .fill(colour: "#1e88e5", opacity: 0.4)),
        ("hotspots", MapLayer.hotspotsTitle, .hotspots),
    ]

    func html() throws -> String {
        guard let leaflet = service.leaflet else { throw AtlasError.leafletMissing(Leaflet.folder) }
        let map = MapRenderer(layers: Self.layers.map { layer in
            MapLayer(id: layer.collection.replacingOccurrences(of: "_", with: "-"), title: layer.title, style: layer.style,
                     url: "/collections/\(layer.collection)/items?f=json&limit=\(ItemsQuery.maximumLimit)")
        })
        let now = Date()
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now)
        let period = try ReportingPeriod(parsing: String(format: "%04d-%02d", parts.year!, parts.month!))
        let indicators = try service.results.indicators(try service.opened.get(), profile: Profile.defaultName, year: period.year, asOf: nil)
        let progress = ProgressReport(try ProgrammeInventory.read(project: service.project), period)
        let policy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
        return """
            \(AtlasPage.head(title: "\(service.title) — habitat", policy: policy, leaflet: leaflet))
            <body>
            <header><h1>\(MarkupText.escaped(service.title)) 人居环境</h1>
            <p>the inventory as it stands now, read live from this service · <a href="/collections?f=html">collections</a> · \
            <a href="/api">API</a> · for QGIS and ArcGIS, this address is an OGC API – Features (WFS 3) service</p>
            </header>
            <section class="map-page">
            \(try map.html())
            </section>
            <section id="indicators-panel"><h2>指标 Indicators against \(MarkupText.escaped(indicators.profile)), \(period.year)</h2>
            \(AtlasPage.indicatorTable(indicators))
            </section>
            <section id="progress-panel"><h2>进度 Progress against plan to \(period.end)</h2>
            \(AtlasPage.progressTable(progress))
            </section>
            </body></html>

            """
    }
}
