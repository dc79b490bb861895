import GeoCore
import GeoIO
import Inventory
import Planning

/// A collection of the feature service: a layer of the project, or a layer computed from it
/// (the service area and the residential land out of reach, as `habitat coverage` writes them).
struct ServedCollection: Sendable {
    enum Source: Sendable {
        case layer
        case serviceArea
        case uncoveredResidential
        case hotspots
    }

    let id: String
    let title: String
    let description: String
    let fields: [Field]
    /// The text fields that hold calendar dates (YYYY-MM-DD).
    var dates: Set<String> = []
    /// What geometry its features have, as OGC API – Features Part 5 names it (`geometry-any`
    /// where a layer holds lines and points as well as areas; the computed layers hold areas); nil for none.
    var geometry: String? = "geometry-polygon-or-multipolygon"
    let source: Source

    static let all: [ServedCollection] = LayerSchema.all.map { schema in
        ServedCollection(id: schema.name, title: "\(schema.title) \(schema.name)",
                         description: "The project's \(schema.name) layer (\(schema.title)) as it is, or as the inventory said at datetime.",
                         fields: schema.fields.map(\.field), dates: Set(schema.fields.filter(\.isDate).map(\.field.name)),
                         geometry: geometryFormat(schema.content), source: .layer)
    } + [
        ServedCollection(id: "service_area", title: "服务范围 park service area",
                         description: "Land within a counted park's service radius (GB/T 50563), as habitat coverage computes it.",
                         fields: [Field("area_m2", .real)], source: .serviceArea),
        ServedCollection(id: "uncovered_residential", title: "未覆盖居住用地 residential land out of reach",
                         description: "Residential land no counted park reaches, per built-up area, as habitat coverage computes it.",
                         fields: [Field("built_up_area", .string), Field("area_m2", .real)], source: .uncoveredResidential),
        ServedCollection(id: "hotspots", title: "热点 hotspots",
                         description: "Clusters of the cases of the last 90 days, now (hard_spot 1: a case open over 30 days, a 热点难点), as habitat incidents finds them.",
                         fields: Hotspots.fields, source: .hotspots),
    ]

    private static func geometryFormat(_ content: GeoPackage.Content) -> String? {
        switch content {
        case .polygons: "geometry-polygon-or-multipolygon"
        case .anyGeometry: "geometry-any"
        case .attributesOnly: nil
        }
    }

    static func named(_ id: String) throws -> ServedCollection {
        guard let collection = all.first(where: { $0.id == id }) else {
            throw Problem.notFound("no collection '\(ItemsQuery.shown(id))' (collections: \(all.map(\.id).joined(separator: ", ")))")
        }
        return collection
    }

    /// One page of the collection, in the project CRS, with how many features match in all and
    /// each returned feature's id (a layer's `code`; a computed feature's position, from 1).
    func page(_ project: ProjectFile, _ query: ItemsQuery, area: Geometry?, results: ComputedResults) throws
        -> (features: FeatureLayer, matched: Int, ids: [String]) {
        let window = query.offset..<(query.offset + query.limit)
        switch source {
        case .layer:
            let (features, matched) = try project.page(of: id, asOf: query.asOf, equal: query.equal, intersecting: area, window: window)
            return (features, matched, features.features.indices.map { features.text("code", at: $0) ?? "" })
        case .serviceArea, .uncoveredResidential, .hotspots:
            let layer = try computed(project, asOf: query.asOf, results: results)
            let prepared = try area.map(PreparedGeometry.init)
            let matching = layer.features.indices.filter { index in
                query.equal.allSatisfy { layer.value($0.key, at: index) == $0.value }
                    && (prepared.map { area in layer.features[index].geometry.map(area.intersects) ?? false } ?? true)
            }
            let kept = Array(matching[window.clamped(to: 0..<matching.count)])
            var page = layer
            page.features = kept.map { layer.features[$0] }
            return (page, matching.count, kept.map { String($0 + 1) })
        }
    }

    /// The feature of id `id`; nil where there is none.
    func feature(_ id: String, _ project: ProjectFile, asOf: String?, results: ComputedResults) throws -> (FeatureLayer, String)? {
        switch source {
        case .layer:
            let found = try project.page(of: self.id, asOf: asOf, equal: ["code": .string(id)], window: 0..<1).features
            return found.features.isEmpty ? nil : (found, id)
        case .serviceArea, .uncoveredResidential, .hotspots:
            var layer = try computed(project, asOf: asOf, results: results)
            guard let position = Int(id), position >= 1, position <= layer.features.count else { return nil }
            layer.features = [layer.features[position - 1]]
            return (layer, id)
        }
    }

    /// A computed collection's features, in the project CRS.
    private func computed(_ project: ProjectFile, asOf: String?, results: ComputedResults) throws -> FeatureLayer {
        switch source {
        case .layer: try project.layer(id, asOf: asOf)
        case .serviceArea: try results.coverage(project, asOf: asOf).serviceAreaLayer()
        case .uncoveredResidential: try results.coverage(project, asOf: asOf).uncoveredLayer()
        case .hotspots: try results.hotspots(project)
        }
    }
}
