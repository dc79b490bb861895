import GeoCore
import GeoIO

/// Site outlines from a separate file (a shapefile, KML, DXF or GeoJSON of the surveyed
/// polygons), joined to survey rows on their code (编号).
struct JoinedPolygons: Sendable {
    /// Outlines by code, in the project CRS.
    let polygons: [String: Geometry]
    let system: CoordinateSystem

    init(path: String, into crs: CRS) throws {
        let layer = try VectorReader.read(path)
        guard let system = layer.coordinateSystem else { throw LayerError.noCoordinateSystem(path) }
        let keys = layer.fields.map { FormHeaders.normalized($0.name) }
        guard let codeColumn = ["code", "编号", "代码", "id"].lazy.compactMap({ keys.firstIndex(of: $0) }).first else {
            throw LayerError.badFeature(path, feature: "the file", problem: "has no code (编号) field to join on")
        }
        let transformer = try Transformer.forThisThread(from: system, to: crs)
        var polygons: [String: Geometry] = [:]
        for (index, feature) in layer.features.enumerated() {
            guard let geometry = feature.geometry, geometry.kind.isPolygonal else {
                throw LayerError.badFeature(path, feature: layer.describeFeature(index), problem: "is not a polygon")
            }
            polygons[feature.values[codeColumn].description] = try transformer.transform(geometry)
        }
        self.polygons = polygons
        self.system = system
    }
}
