import GeoCore
import GeoIO
import Inventory

extension CoverageJob {
    /// Coverage from a project file's parks, residential and built_up_areas layers — as they are,
    /// or as the inventory said at `asOf` — analysed in the project's CRS: the same reading and
    /// analysis as from files, the layers read from the project instead.
    public static func fromProject(_ path: String, asOf: String? = nil, rules: CoverageRules = .gbt50563,
                                   bufferStyle: BufferStyle = BufferStyle(), layers: Bool,
                                   progress: (@Sendable (String) -> Void)? = nil) throws -> CoverageReport {
        let crs = try ProjectFile.open(path).crs
        try checkMetric(crs)
        progress?("reading parks, residential and built_up_areas from \(path)")
        // Each layer through a connection of its own, since one is used by one thread at a time;
        // stored in the project CRS, already checked on import.
        let sources = ["parks", "residential", "built_up_areas"].map { layer -> LayerSource in
            { onlyFields in
                var placed = try ProjectFile.open(path).placed(layer, asOf: asOf, onlyFields: onlyFields)
                for index in placed.features.indices { placed.features[index].geometry = placed.features[index].geometry?.asImported }
                return (placed, [])
            }
        }
        return try run(reading: sources, crs: crs, rules: rules, bufferStyle: bufferStyle, layers: layers, progress: progress)
    }
}

private extension Geometry {
    /// A polygon imported into a project is stored as a multi-polygon of one (the table's type):
    /// read back, it is that polygon again, as it is read from a file, which the analysis
    /// measures faster.
    var asImported: Geometry {
        guard kind == .multiPolygon, case let parts = parts, parts.count == 1 else { return self }
        return parts[0]
    }
}
