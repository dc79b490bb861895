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

        struct Converted { let geometry: Geometry; let repair: String? }
        let original = layer
        let converted = try Array(layer.features.indices).parallelMap(
            state: { (try Transformer.forThisThread(from: source, to: crs), try AreaOfUseCheck(source: source, target: crs)) }
        ) { state, index -> Converted in
            let (transformer, areaCheck) = state
            func fail(_ problem: String) -> LayerError {
                .badFeature(path, feature: original.describeFeature(index), problem: problem)
            }
            guard let geometry = original.features[index].geometry else { throw fail("has no geometry") }
            guard geometry.kind.isPolygonal || (geometry.kind == .collection && !geometry.polygons.isEmpty
                                                && geometry.polygons.count == geometry.parts.count) else {
                throw fail("is a \(geometry.kind) where a polygon is expected")
            }
            guard let envelope = geometry.envelope else { throw fail("has an empty geometry") }
            if let problem = areaCheck.problem(with: envelope) { throw fail(problem) }
            let projected: Geometry
            do { projected = try transformer.transform(geometry) } catch { throw fail("\(error)") }
            if projected.isValid { return Converted(geometry: projected, repair: nil) }
            let reason = projected.validityReason
            let repaired = try Geometry.multiPolygon([projected.makeValid()])
            return Converted(geometry: repaired, repair: "\(original.describeFeature(index)): \(reason), repaired")
        }
        for (index, item) in converted.enumerated() { layer.features[index].geometry = item.geometry }
        layer.coordinateSystem = .crs(crs)
        return PolygonLayer(layer: layer, repairs: converted.compactMap(\.repair))
    }
}
