import Foundation
import GeoCore
import GeoIO

/// Site outlines from a separate file (a shapefile, KML or GeoJSON of the surveyed polygons, or a
/// CAD drawing whose labels give the codes), joined to survey rows on their code (编号). They are
/// placed into the project CRS like any other source geometry, row by row.
struct JoinedPolygons: Sendable {
    /// Outlines by code, in `system`.
    let outlines: [String: Geometry]
    let system: CoordinateSystem
    /// The coordinate system the file is in, which a feature's `source` records: a drawing's
    /// outlines are in the project's already.
    let drawnIn: CoordinateSystem
    /// The file's name, for messages.
    let file: String
    /// Whether the outlines come from a drawing, where a row without one most likely means a
    /// label mistyped: such a row is a problem, not a site placed by its point.
    let isDrawing: Bool
    /// What does not add up in a drawing (its entities named), and the outlines repaired.
    var problems: [String] = [], repairs: [String] = []

    /// - Parameters:
    ///   - declared: the file's coordinate system (--geometry-crs); where neither it nor the file
    ///     says, that of Gauss-Krüger coordinates.
    ///   - codes: for a drawing, what its labels may say and the code each stands for (`CADOutlines`).
    init(path: String, declared: CoordinateSystem?, zone: GaussKrugerZone, outlineLayer: String?, labelLayer: String?,
         codes: [String: String], maxFeatures: Int?) throws {
        file = (path as NSString).lastPathComponent
        isDrawing = CADDrawing.isDrawing(path)
        if isDrawing {
            let drawing = try CADOutlines(path, declared: declared, outlineLayer: outlineLayer, labelLayer: labelLayer,
                                          codes: codes, zone: zone, option: "--geometry-crs", maxFeatures: maxFeatures)
            outlines = drawing.outlines
            system = .crs(zone.projectCRS)
            drawnIn = drawing.system
            problems = drawing.problems.map { "\(file): \($0)" }
            repairs = drawing.repairs.map { "\(file): \($0)" }
            return
        }
        let layer = try VectorReader.read(path, declaredCoordinateSystem: declared, maxFeatures: maxFeatures)
        let extent = Envelope.union(of: layer.features.compactMap { $0.geometry?.envelope })
        let system = try layer.coordinateSystem ?? zone.system(of: path, extent: extent, declared: nil, option: "--geometry-crs")
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
        drawnIn = system
    }
}
