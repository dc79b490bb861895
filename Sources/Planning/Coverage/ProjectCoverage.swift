import GeoCore
import GeoIO
import Inventory

extension CoverageJob {
    /// Coverage from a project file's parks, residential and built_up_areas layers — as they are,
    /// or as the inventory said at `asOf` — analysed in the project's CRS.
    public static func fromProject(_ path: String, asOf: String? = nil, rules: CoverageRules = .gbt50563,
                                   bufferStyle: BufferStyle = BufferStyle(), layers: Bool,
                                   progress: (@Sendable (String) -> Void)? = nil) throws -> CoverageReport {
        let project = try ProjectFile.open(path)
        try checkMetric(project.crs)
        progress?("reading parks, residential and built_up_areas from \(path)")
        var (analysis, residential) = try analysisOf(project, asOf: asOf, rules: rules, bufferStyle: bufferStyle)
        analysis.progress = progress
        if !layers { residential.features = [] }  // only the output layers carry its attributes
        return CoverageReport(result: try analysis.run(layers: layers), residential: residential, repairs: [],
                              crs: project.crs, rules: rules, bufferStyle: bufferStyle)
    }

    /// The analysis of the project's layers, and its residential layer. The other layers are let go
    /// on return: the analysis keeps only their geometries.
    private static func analysisOf(_ project: ProjectFile, asOf: String?, rules: CoverageRules,
                                   bufferStyle: BufferStyle) throws -> (CoverageAnalysis, FeatureLayer) {
        func read(_ layer: String) throws -> FeatureLayer { try project.placed(layer, asOf: asOf) }
        let parks = try read("parks"), residential = try read("residential"), builtUp = try read("built_up_areas")
        let analysis = CoverageAnalysis(parks: parks.features.compactMap(\.geometry),
                                        residential: residential.features.compactMap(\.geometry),
                                        builtUpAreas: builtUpAreas(builtUp), rules: rules, bufferStyle: bufferStyle)
        return (analysis, residential)
    }
}
