import Foundation
import GeoCore
import GeoIO
import Inventory

/// Suggestions from a project file: its parks, residential land and built-up areas as the current
/// state, candidates from its layers or from files, analysed in the project's CRS.
public struct SuggestJob {
    /// The layers whose land plans free for parks, read when no candidates are named.
    public static let defaultCandidates = ["old_factories", "urban_villages"]

    public var project: String
    /// Project layers or files; empty: `defaultCandidates`, those that hold features.
    public var candidates: [String] = []
    public var asOf: String?
    public var rules: CoverageRules = .gbt50563
    public var bufferStyle = BufferStyle()
    public var weight: SuggestAnalysis.Weight = .area
    public var limit: SuggestAnalysis.Limit = .count(5)
    public var minimumArea: Double = 0
    public var classes: Set<String> = []
    /// Told what the job is doing as it goes, for a person watching a long run.
    public var progress: (@Sendable (String) -> Void)?

    public init(project: String) { self.project = project }

    public func run() throws -> SuggestReport {
        let file = try ProjectFile.open(project)
        try CoverageJob.checkMetric(file.crs)
        func read(_ layer: String) throws -> FeatureLayer { try file.placed(layer, asOf: asOf) }
        progress?("reading \(project)")
        let parks = try read("parks"), residential = try read("residential"), builtUp = try read("built_up_areas")
        let loaded = try self.candidates.isEmpty ? defaults(file) : self.candidates.map { try load($0, from: file) }
        let candidates = loaded.flatMap(\.candidates)
        let known = Set(candidates.map(\.siteClass))
        if let missing = classes.sorted().first(where: { !known.contains($0) }) {
            throw SuggestInputError.unknownClass(missing, known: known.filter { !$0.isEmpty }.sorted())
        }
        let analysis = SuggestAnalysis(
            candidates: candidates,
            coverage: CoverageAnalysis(parks: parks.features.compactMap(\.geometry),
                                       residential: residential.features.compactMap(\.geometry),
                                       builtUpAreas: CoverageJob.builtUpAreas(builtUp), rules: rules, bufferStyle: bufferStyle),
            parkLabels: parks.features.indices.map { index in
                [parks.text("code", at: index), parks.text("name", at: index)].compactMap { $0 }.joined(separator: " ")
            },
            population: try population(residential), weight: weight, limit: limit,
            minimumArea: minimumArea, classes: classes)
        progress?("measuring what \(candidates.count) candidates would bring within reach, and choosing")
        var report = SuggestReport(suggestions: try analysis.run(), crs: file.crs, counties: try file.countyNames(asOf: asOf),
                                   bufferStyle: bufferStyle)
        report.repairs = loaded.flatMap(\.repairs)
        return report
    }

    /// The default layers that hold sites; refused when none does.
    private func defaults(_ file: ProjectFile) throws -> [Loaded] {
        let found = try Self.defaultCandidates.filter { try !file.layer($0, asOf: asOf).features.isEmpty }.map { try load($0, from: file) }
        guard !found.isEmpty else { throw SuggestInputError.noCandidates(project, Self.defaultCandidates) }
        return found
    }

    private typealias Loaded = (candidates: [Candidate], repairs: [String])

    /// A project layer by name, or else a file (its invalid polygons repaired, and listed).
    private func load(_ source: String, from file: ProjectFile) throws -> Loaded {
        if let schema = try? LayerSchema.named(source), !FileManager.default.fileExists(atPath: source) {
            let layer = try file.layer(schema.name, asOf: asOf)
            guard !layer.features.isEmpty else { throw SuggestInputError.emptyLayer("\(project): layer \(schema.name)") }
            return (try candidates(layer, named: schema.name, where: "\(project): \(schema.name)"), [])
        }
        guard FileManager.default.fileExists(atPath: source) else { throw SuggestInputError.unknownSource(source) }
        var layer = try VectorReader.read(source)
        guard !layer.features.isEmpty else { throw SuggestInputError.emptyLayer(source) }
        guard let system = layer.coordinateSystem else { throw SuggestInputError.noCoordinateSystem(source) }
        let intake = GeometryIntake(into: file.crs, polygonsOnly: false)
        var repairs: [String] = []
        for index in layer.features.indices {
            guard let geometry = layer.features[index].geometry else { continue }
            do {
                let placed = try intake.place(geometry, from: system)
                layer.features[index].geometry = placed.geometry
                if let reason = placed.repairedBecause { repairs.append("\(source): \(layer.describeFeature(index)): \(reason), repaired") }
            } catch let problem as GeometryIntake.Problem {
                throw LayerError.badFeature(source, feature: layer.describeFeature(index), problem: problem.description)
            }
        }
        return (try candidates(layer, named: URL(fileURLWithPath: source).lastPathComponent, where: source), repairs)
    }

    /// The layer's features as candidates; polygons and points only.
    private func candidates(_ layer: FeatureLayer, named name: String, where place: String) throws -> [Candidate] {
        func text(_ fields: [String], _ index: Int) -> String {
            fields.lazy.compactMap { layer.text($0, at: index) }.first { !$0.isEmpty } ?? ""
        }
        return try layer.features.indices.map { index in
            let geometry = layer.features[index].geometry
            let code = text(["code", "编号"], index)
            if let geometry, !geometry.kind.isPolygonal, geometry.kind != .point, geometry.kind != .multiPoint {
                let feature = layer.describeFeature(index) + (code.isEmpty ? "" : " (\(code))")
                throw SuggestInputError.notPolygonsOrPoints(place, feature: feature, kind: geometry.kind.description)
            }
            return Candidate(layer: name, code: code.isEmpty ? "\(name)#\(index + 1)" : code,
                             name: text(["name", "名称"], index), district: text(["district"], index),
                             siteClass: text(["category", "renovation_type", "class", "改造类别", "类别"], index),
                             geometry: geometry)
        }
    }

    /// Each residential polygon's people: required by `--weight population`, else reported where
    /// every polygon has a figure.
    private func population(_ residential: FeatureLayer) throws -> [Double]? {
        var people: [Double] = []
        for index in residential.features.indices {
            let value = residential.value("population", at: index)
            guard let number = value.doubleValue, number >= 0, number.isFinite else {
                guard weight == .population else { return nil }
                throw SuggestInputError.badPopulation("\(project): residential \(residential.text("code", at: index) ?? residential.describeFeature(index))",
                                                      value: value.description)
            }
            people.append(number)
        }
        return people
    }
}

public enum SuggestInputError: Error, Equatable, CustomStringConvertible {
    case emptyLayer(String)
    case noCandidates(String, [String])
    case unknownSource(String)
    case noCoordinateSystem(String)
    case notPolygonsOrPoints(String, feature: String, kind: String)
    case badPopulation(String, value: String)
    case unknownClass(String, known: [String])

    public var description: String {
        switch self {
        case let .emptyLayer(place): "\(place) has no features: import the sites first, or name other --candidates"
        case let .noCandidates(project, layers):
            "\(project): \(layers.joined(separator: " and ")) hold no sites; import them, or give --candidates LAYER or FILE"
        case let .unknownSource(source):
            "--candidates \(source): neither a layer of the project nor a file (layers: \(LayerSchema.all.map(\.name).joined(separator: ", ")))"
        case let .noCoordinateSystem(path):
            "\(path): the file states no coordinate reference system; write it with one (ogr2ogr -a_srs EPSG:4490 …)"
        case let .notPolygonsOrPoints(place, feature, kind):
            "\(place): \(feature): a \(kind); candidate sites are polygons (or points, left out for want of a footprint)"
        case let .badPopulation(feature, value):
            "\(feature): population is \(value.isEmpty ? "missing" : value); --weight population needs every residential polygon's people, 0 or more"
        case let .unknownClass(name, known):
            "--class \(name): no candidate has this class" + (known.isEmpty ? "" : " (classes: \(known.joined(separator: ", ")))")
        }
    }
}
