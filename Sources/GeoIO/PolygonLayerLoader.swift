import GeoCore

/// A polygon layer read for analysis: every geometry checked, moved into the analysis CRS and made
/// valid.
public struct PolygonLayer: Sendable {
    /// The features, their geometries now polygonal, valid and in `crs`.
    public var layer: FeatureLayer
    /// One line per feature that was invalid and repaired: which feature and what GEOS found.
    public var repairs: [String]
}

public enum PolygonLayerLoader {
    /// Reads `path` and brings it into `crs`.
    ///
    /// Fails, naming the file and the feature, on: no features, no coordinate system stated or
    /// declared, a missing or non-polygonal geometry, and coordinates outside the area where the
    /// source CRS or `crs` is used (latitude and longitude swapped, say). Invalid polygons (a
    /// bow-tie) are repaired, never dropped, and listed in `repairs`.
    public static func load(_ path: String, layer name: String? = nil, declared: CoordinateSystem? = nil,
                            into crs: CRS) throws -> PolygonLayer {
        var layer = try VectorReader.read(path, layer: name, declaredCoordinateSystem: declared)
        guard !layer.features.isEmpty else { throw LayerError.empty(path) }
        guard let source = layer.coordinateSystem else { throw LayerError.noCoordinateSystem(path) }

        let original = layer
        let intake = GeometryIntake(into: crs, polygonsOnly: true)
        let placed = try Array(layer.features.indices).parallelMap { index -> GeometryIntake.Placed in
            do {
                guard let geometry = original.features[index].geometry else { throw GeometryIntake.Problem("has no geometry") }
                return try intake.place(geometry, from: source)
            } catch let problem as GeometryIntake.Problem {
                throw LayerError.badFeature(path, feature: original.describeFeature(index), problem: problem.description)
            }
        }
        for (index, item) in placed.enumerated() { layer.features[index].geometry = item.geometry }
        layer.coordinateSystem = .crs(crs)
        return PolygonLayer(layer: layer, repairs: placed.indices.compactMap { index in
            placed[index].repairedBecause.map { "\(original.describeFeature(index)): \($0), repaired" }
        })
    }
}
