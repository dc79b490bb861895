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
    /// Reads `path` (only the fields `onlyFields` names, where given) and brings it into `crs`.
    ///
    /// Fails, naming the file and the feature, on: no features, no coordinate system stated or
    /// declared, a missing or non-polygonal geometry, and coordinates outside the area where the
    /// source CRS or `crs` is used (latitude and longitude swapped, say). Invalid polygons (a
    /// bow-tie) are repaired, never dropped, and listed in `repairs`.
    public static func load(_ path: String, layer name: String? = nil, declared: CoordinateSystem? = nil,
                            into crs: CRS, onlyFields: Set<String>? = nil) throws -> PolygonLayer {
        var layer = try VectorReader.read(path, layer: name, declaredCoordinateSystem: declared, onlyFields: onlyFields)
        guard !layer.features.isEmpty else { throw LayerError.empty(path) }
        guard let source = layer.coordinateSystem else { throw LayerError.noCoordinateSystem(path) }

        let intake = GeometryIntake(into: crs, polygonsOnly: true)
        // Each source geometry is replaced where it stands, so it is let go as soon as it is placed
        // rather than kept beside the placed copy until every one is.
        let repairedBecause: [String?]
        do {
            repairedBecause = try layer.features.withUnsafeMutableBufferPointer { buffer in
                // Each worker reads and writes only its own features.
                nonisolated(unsafe) let features = buffer
                return try Array(features.indices).parallelMap(state: { intake.placing(from: source) }) { placing, index -> String? in
                    do {
                        guard let geometry = features[index].geometry else { throw GeometryIntake.Problem("has no geometry") }
                        let placed = try placing.place(geometry)
                        features[index].geometry = placed.geometry
                        return placed.repairedBecause
                    } catch let problem as GeometryIntake.Problem {
                        throw Misplaced(index: index, problem: problem)
                    }
                }
            }
        } catch let misplaced as Misplaced {
            throw LayerError.badFeature(path, feature: layer.describeFeature(misplaced.index), problem: misplaced.problem.description)
        }
        layer.coordinateSystem = .crs(crs)
        return PolygonLayer(layer: layer, repairs: repairedBecause.indices.compactMap { index in
            repairedBecause[index].map { "\(layer.describeFeature(index)): \($0), repaired" }
        })
    }
}

/// A feature that could not be placed, and why.
private struct Misplaced: Error {
    let index: Int
    let problem: GeometryIntake.Problem
}
