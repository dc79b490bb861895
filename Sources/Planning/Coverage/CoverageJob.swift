import GeoCore
import GeoIO
import Inventory

/// Coverage from files: reads the three layers in whatever format and CRS they come in, brings
/// them into the analysis CRS, and runs the analysis.
public struct CoverageJob: Sendable {
    /// A layer file and, where the file states none or the wrong one, the coordinate system its
    /// coordinates are really in.
    public struct Input: Sendable {
        public var path: String
        public var declared: CoordinateSystem?

        public init(_ path: String, declared: CoordinateSystem? = nil) {
            self.path = path
            self.declared = declared
        }
    }

    public var parks: Input
    public var residential: Input
    public var builtUp: Input?
    public var crs: CRS
    public var rules: CoverageRules
    public var bufferStyle: BufferStyle
    /// Told what the job is doing as it goes, for a person watching a long run.
    public var progress: (@Sendable (String) -> Void)?

    public init(parks: Input, residential: Input, builtUp: Input? = nil, crs: CRS,
                rules: CoverageRules = .gbt50563, bufferStyle: BufferStyle = BufferStyle()) {
        self.parks = parks
        self.residential = residential
        self.builtUp = builtUp
        self.crs = crs
        self.rules = rules
        self.bufferStyle = bufferStyle
    }

    /// Computes the figures; with `layers`, also the geometries the output layers need.
    public func run(layers: Bool) throws -> CoverageReport {
        try Self.checkMetric(crs)
        let inputs = [parks, residential] + (builtUp.map { [$0] } ?? [])
        progress?("reading " + inputs.map(\.path).joined(separator: ", "))
        // The parks' buffers are made as soon as the parks are in, while the (larger) residential
        // file is still being read.
        let loadedWithService = try Array(inputs.indices).parallelMap { index in
            let layer = try PolygonLayerLoader.load(inputs[index].path, declared: inputs[index].declared, into: crs)
            let service = index == 0
                ? try ServiceArea(parks: layer.layer.features.map { $0.geometry! }, rules: rules, style: bufferStyle) : nil
            return (layer, service)
        }
        let loaded = loadedWithService.map(\.0)
        progress?("measuring \(loaded[1].layer.features.count) residential polygons against \(loadedWithService[0].1!.buffers.count) park buffers")
        let builtUpAreas = loaded.count > 2 ? Self.builtUpAreas(loaded[2].layer) : []
        let analysis = CoverageAnalysis(parks: loaded[0].layer.features.map { $0.geometry! },
                                        residential: loaded[1].layer.features.map { $0.geometry! },
                                        builtUpAreas: builtUpAreas, rules: rules, bufferStyle: bufferStyle)
        return CoverageReport(result: try analysis.run(service: loadedWithService[0].1!, layers: layers), residential: loaded[1].layer,
                              repairs: zip(inputs, loaded).flatMap { input, layer in
                                  layer.repairs.map { "\(input.path): \($0)" }
                              },
                              crs: crs, rules: rules, bufferStyle: bufferStyle)
    }

    /// The CRS named by `text`, if it can serve for analysis: projected, in metres.
    public static func analysisCRS(_ text: String) throws -> CRS {
        let crs = try CRS(text)
        try checkMetric(crs)
        return crs
    }

    static func checkMetric(_ crs: CRS) throws {
        guard crs.isProjectedInMetres else {
            throw CoverageError.analysisCRSNotMetric(crs.description)
        }
    }

    /// Built-up areas with their names.
    static func builtUpAreas(_ layer: FeatureLayer) -> [CoverageAnalysis.BuiltUpArea] {
        zip(layer.features, builtUpAreaNames(layer)).compactMap { feature, name in
            feature.geometry.map { CoverageAnalysis.BuiltUpArea(name: name, geometry: $0) }
        }
    }

    /// Each built-up area's name, from the column an import would take for it (`name`, 名称, …), or
    /// its position where it has none.
    static func builtUpAreaNames(_ layer: FeatureLayer) -> [String] {
        let column = try? LayerSchema.named("built_up_areas").column("name", in: layer)
        return layer.features.indices.map { index in
            let name = column.map { layer.features[index].values[$0].description } ?? ""
            return name.isEmpty ? "built-up area \(index + 1)" : name
        }
    }
}

public enum CoverageError: Error, Equatable, CustomStringConvertible {
    case analysisCRSNotMetric(String)

    public var description: String {
        switch self {
        case let .analysisCRSNotMetric(crs):
            "the analysis CRS \(crs) is not projected in metres; choose one such as EPSG:4544 (Qujing) or a UTM zone"
        }
    }
}
