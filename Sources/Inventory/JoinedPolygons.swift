import GeoCore
import GeoIO

/// Site outlines from a separate file (a shapefile, KML, DXF or GeoJSON of the surveyed
/// polygons), joined to survey rows on their code (编号). They are placed into the project CRS like
/// any other source geometry, row by row.
struct JoinedPolygons: Sendable {
    /// Outlines by code, in `system`.
    let outlines: [String: Geometry]
    let system: CoordinateSystem

    init(path: String) throws {
        let layer = try VectorReader.read(path)
        guard let system = layer.coordinateSystem else { throw LayerError.noCoordinateSystem(path) }
        let keys = layer.fields.map { FormHeaders.normalized($0.name) }
        guard let codeColumn = ["code", "编号", "代码", "id"].lazy.compactMap({ keys.firstIndex(of: $0) }).first else {
            throw LayerError.badFeature(path, feature: "the file", problem: "has no code (编号) field to join on")
        }
        var outlines: [String: Geometry] = [:]
        for (index, feature) in layer.features.enumerated() {
            guard let geometry = feature.geometry, geometry.kind.isPolygonal else {
                throw LayerError.badFeature(path, feature: layer.describeFeature(index), problem: "is not a polygon")
            }
            outlines[feature.values[codeColumn].description] = geometry
        }
        self.outlines = outlines
        self.system = system
    }
}
