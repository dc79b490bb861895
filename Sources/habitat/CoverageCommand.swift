import ArgumentParser
import Foundation
import GeoCore
import GeoIO
import Inventory
import Planning

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Park service-radius coverage of residential land (300米见绿，500米见园).",
        discussion: """
            Reads parks, residential land and (optionally) built-up areas from any vector format GDAL \
            reads, in any coordinate system, and reports per built-up area how much residential land \
            lies within a park's service radius. By default (GB/T 50563) parks of 5000 m² and more \
            reach 500 m, parks of 2000–5000 m² reach 300 m.

            Example:
              habitat coverage --parks geodata/parks.geojson \\
                --residential geodata/residential.geojson \\
                --built-up geodata/built_up.geojson --crs EPSG:4544 --out out
              habitat coverage qujing.gpkg --as-of 2018-12-31

            With --out, the folder receives coverage.json, coverage.csv, service_area.geojson, \
            uncovered_residential.geojson and residential_coverage.geojson.
            """
    )

    @Argument(help: ArgumentHelp("A project file: its parks, residential and built_up_areas layers are used.",
                                 valueName: "file.gpkg"))
    var project: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "With a project file: the layers as the inventory said then (a date, or an ISO 8601 timestamp).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Park polygons.", valueName: "file"))
    var parks: String?

    @Option(help: ArgumentHelp("Residential land polygons.", valueName: "file"))
    var residential: String?

    @Option(name: .customLong("built-up"), help: ArgumentHelp(
        "Built-up area polygons, named by their 'name' (or '名称') field. Without it all residential land is one area.",
        valueName: "file"))
    var builtUp: String?

    @Option(help: ArgumentHelp("The analysis CRS, projected in metres.", valueName: "crs"))
    var crs = "EPSG:4544"

    @Option(name: .customLong("parks-crs"), help: ArgumentHelp(
        "The coordinate system the parks file is really in, when it states none or a wrong one: an EPSG code, WKT, or gcj02 / bd09 for positions picked on Amap, Tencent or Baidu maps.",
        valueName: "crs"))
    var parksCRS: String?

    @Option(name: .customLong("residential-crs"), help: ArgumentHelp("As --parks-crs, for the residential file.", valueName: "crs"))
    var residentialCRS: String?

    @Option(name: .customLong("built-up-crs"), help: ArgumentHelp("As --parks-crs, for the built-up file.", valueName: "crs"))
    var builtUpCRS: String?

    @Option(name: .customLong("rule"), help: ArgumentHelp(
        "A park of at least MIN_M2 square metres serves RADIUS_M metres; repeat for several. Replaces the default rules; the largest threshold a park reaches wins.",
        valueName: "MIN_M2:RADIUS_M"))
    var rules: [String] = []

    @Option(help: ArgumentHelp("Segments per quarter circle of a buffer.", valueName: "n"))
    var segments = 8

    @Option(help: ArgumentHelp("Write the figures and the layers into this folder.", valueName: "dir"))
    var out: String?

    @Option(help: "What to print: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(help: "Print each step on stderr with the seconds since the start and the peak memory so far.")
    var timings = false

    func validate() throws {
        if project == nil {
            guard parks != nil, residential != nil else {
                throw ValidationError("give a project file, or --parks and --residential")
            }
            guard asOf == nil else { throw ValidationError("--as-of goes with a project file") }
        } else if parks != nil || residential != nil || builtUp != nil {
            throw ValidationError("give either a project file or --parks, --residential and --built-up, not both")
        } else if crs != "EPSG:4544" || parksCRS != nil || residentialCRS != nil || builtUpCRS != nil {
            throw ValidationError("a project is analysed in its own CRS; --crs and the --…-crs options go with loose files")
        }
        guard segments >= 1 else { throw ValidationError("--segments must be at least 1") }
        for rule in rules {
            do { _ = try CoverageRules.Rule(parsing: rule) } catch { throw ValidationError("--rule \(error)") }
        }
    }

    func run() throws {
        let progress = timings ? stepTimings() : progressOnTerminal
        let report = try compute(progress: progress)
        for repair in report.repairs.prefix(10) { warn(repair) }
        if report.repairs.count > 10 {
            warn("\(report.repairs.count - 10) more polygons repaired" + (out == nil ? " (--out lists them in coverage.json)" : " (listed in coverage.json)"))
        }
        if let out {
            progress?("writing \(out)")
            try report.write(to: out)
        }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try report.json())
        case .csv: print(report.csv(), terminator: "")
        }
        if timings { progress?("done") }
    }

    private func compute(progress: (@Sendable (String) -> Void)?) throws -> CoverageReport {
        let rules = self.rules.isEmpty ? CoverageRules.gbt50563 : CoverageRules(try self.rules.map { try CoverageRules.Rule(parsing: $0) })
        let style = BufferStyle(quadrantSegments: segments)
        if let project {
            let instant = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
            return try CoverageJob.fromProject(project, asOf: instant, rules: rules, bufferStyle: style, layers: out != nil,
                                               progress: progress)
        }
        guard let parks, let residential else { throw UsageError(message: "give --parks and --residential") }
        var job = CoverageJob(
            parks: .init(parks, declared: try declared(parksCRS, "--parks-crs")),
            residential: .init(residential, declared: try declared(residentialCRS, "--residential-crs")),
            builtUp: try builtUp.map { .init($0, declared: try declared(builtUpCRS, "--built-up-crs")) },
            crs: try usage("--crs") { try CoverageJob.analysisCRS(crs) },
            rules: rules, bufferStyle: style)
        job.progress = progress
        do {
            return try job.run(layers: out != nil)
        } catch let LayerError.noCoordinateSystem(path) {
            let option = path == parks ? "--parks-crs" : path == residential ? "--residential-crs" : "--built-up-crs"
            throw InputError(description: "\(LayerError.noCoordinateSystem(path)) with \(option), for example \(option) EPSG:4490")
        }
    }

    private func declared(_ text: String?, _ option: String) throws -> CoordinateSystem? {
        try text.map { text in try usage(option) { try CoordinateSystem(parsing: text) } }
    }

}
