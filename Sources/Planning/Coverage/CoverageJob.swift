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
        let crs = self.crs
        let sources = inputs.map { input -> LayerSource in
            { onlyFields in
                let read = try PolygonLayerLoader.load(input.path, declared: input.declared, into: crs, onlyFields: onlyFields)
                return (read.layer, read.repairs.map { "\(input.path): \($0)" })
            }
        }
        return try Self.run(reading: sources, crs: crs, rules: rules, bufferStyle: bufferStyle, layers: layers, progress: progress)
    }

    /// Reads one of the analysis's layers (from a file or a project), in the analysis CRS, every
    /// feature with a polygonal geometry, with only the fields named (nil: every one); and the
    /// repairs it needed, one line each.
    typealias LayerSource = (_ onlyFields: Set<String>?) throws -> (layer: FeatureLayer, repairs: [String])

    /// The analysis of the parks, the residential land and, where there is a third source, the
    /// built-up areas, whether they come from files or from a project.
    static func run(reading sources: [LayerSource], crs: CRS, rules: CoverageRules, bufferStyle: BufferStyle, layers: Bool,
                    progress: (@Sendable (String) -> Void)?) throws -> CoverageReport {
        let input = try load(sources, keepingResidentialLayer: layers, rules: rules, bufferStyle: bufferStyle)
        var analysis = CoverageAnalysis(parks: input.parks, residential: input.residential, builtUpAreas: input.builtUpAreas,
                                        rules: rules, bufferStyle: bufferStyle)
        analysis.progress = progress
        return CoverageReport(result: try analysis.run(service: input.service, layers: layers), residential: input.residentialLayer,
                              repairs: input.repairs, crs: crs, rules: rules, bufferStyle: bufferStyle)
    }

    /// What the analysis needs of the three layers, and no more: the layers' attributes are let go
    /// here (all but the residential ones, which the output layers carry), before the analysis.
    private struct Loaded {
        let parks: [Geometry]
        let residential: [Geometry]
        /// The residential layer; without its features unless kept for the output layers.
        let residentialLayer: FeatureLayer
        let builtUpAreas: [CoverageAnalysis.BuiltUpArea]
        let repairs: [String]
        let service: ServiceArea
    }

    /// Reads the layers at once, each on a thread of its own.
    private static func load(_ sources: [LayerSource], keepingResidentialLayer: Bool, rules: CoverageRules,
                             bufferStyle: BufferStyle) throws -> Loaded {
        // The parks' radii are found as soon as the parks are in, while the (larger) residential
        // layer is still being read.
        // Of the parks' fields, and of the residential ones unless the output layers carry them,
        // only the name that messages give a feature by is read.
        let onlyFields: [Set<String>?] = [["name"], keepingResidentialLayer ? nil : ["name"], nil]
        let loaded = try Array(sources.indices).parallelMap { index in
            let layer = try sources[index](onlyFields[index])
            let service = index == 0
                ? try ServiceArea(parks: layer.layer.features.map { $0.geometry! }, rules: rules, style: bufferStyle) : nil
            return (layer, service)
        }
        var residentialLayer = loaded[1].0.layer
        let residential = residentialLayer.features.map { $0.geometry! }
        if !keepingResidentialLayer { residentialLayer.features = [] }
        return Loaded(parks: loaded[0].0.layer.features.map { $0.geometry! }, residential: residential,
                      residentialLayer: residentialLayer,
                      builtUpAreas: loaded.count > 2 ? builtUpAreas(loaded[2].0.layer) : [],
                      repairs: loaded.flatMap(\.0.repairs), service: loaded[0].1!)
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
