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
            // Polygons as they were imported, as a file gives them, which the analysis measures faster
            // than the multi-polygons of one the tables store.
            { onlyFields in (try ProjectFile.open(path).placed(layer, asOf: asOf, onlyFields: onlyFields, polygonsAsImported: true), []) }
        }
        return try run(reading: sources, crs: crs, rules: rules, bufferStyle: bufferStyle, layers: layers, progress: progress)
    }
}
