import ArgumentParser
import Foundation
import GeoCore
import Inventory
import Planning

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Where new parks would bring the most homes within reach: the best k candidate sites.",
        discussion: """
            Each candidate (an old factory changing use, an urban village cleared, an illegal structure \
            taken down) becomes a park of its own footprint, serving the radius its area earns under the \
            coverage rules. Its gain is the residential land (or, with --weight population, the people) \
            newly within reach, measured exactly per built-up area. Sites are chosen greedily, each the \
            one adding most, then improved by exchanging a chosen site for another while the total grows.

            Example:
              habitat suggest qujing.gpkg --k 5
              habitat suggest qujing.gpkg --candidates old_factories --class 用地变更类 --budget-m2 60000
              habitat suggest qujing.gpkg --candidates 拆违点位.shp --weight population --out out/suggest

            With --out, the folder receives suggestions.json, suggestions.csv, suggested_sites.geojson, \
            new_service_area.geojson and excluded.csv.
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(name: .customLong("candidates"), help: ArgumentHelp(
        "Where the sites are: a project layer (old_factories, urban_villages, old_residential, …) or a file; repeat for several. Default: old_factories and urban_villages.",
        valueName: "layer|file"))
    var candidates: [String] = []

    @Option(help: ArgumentHelp("How many sites to suggest.", valueName: "k"))
    var k: Int?

    @Option(name: .customLong("budget-m2"), help: ArgumentHelp(
        "Instead of --k: the sites' total area may not exceed this many m².", valueName: "area"))
    var budget: Double?

    @Option(help: "What a site's gain counts: area (residential m²) or population (people).")
    var weight: SuggestAnalysis.Weight = .area

    @Option(name: .customLong("class"), parsing: .upToNextOption, help: ArgumentHelp(
        "Only candidates of these classes (an old factory's 改造类别, such as 用地变更类); candidates of layers without classes stay.",
        valueName: "class"))
    var classes: [String] = []

    @Option(name: .customLong("min-area"), help: ArgumentHelp("Leave out sites smaller than this.", valueName: "m2"))
    var minArea: Double = 0

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Read the inventory as it stood then.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Write the suggestions and their layers into this folder.", valueName: "dir"))
    var out: String?

    @Option(help: "What to print: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        if k != nil && budget != nil { throw ValidationError("give --k or --budget-m2, not both") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if let budget, !(budget > 0 && budget.isFinite) { throw ValidationError("--budget-m2 must be a positive area") }
        if !(minArea >= 0 && minArea.isFinite) { throw ValidationError("--min-area must be 0 or more") }
    }

    func run() throws {
        var job = SuggestJob(project: project.file)
        job.candidates = candidates
        job.asOf = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
        job.weight = weight
        job.limit = budget.map { .budget($0) } ?? .count(k ?? 5)
        job.minimumArea = minArea
        job.classes = Set(classes)
        job.progress = progressOnTerminal
        let report: SuggestReport
        do {
            report = try job.run()
        } catch let error as SuggestInputError {
            if case .unknownSource = error { throw UsageError(message: error.description) }
            if case .unknownClass = error { throw UsageError(message: error.description) }
            throw error
        }
        for repair in report.repairs { warn(repair) }
        if let out { try report.write(to: out) }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try report.json())
        case .csv: print(report.csv(), terminator: "")
        }
    }
}

extension SuggestAnalysis.Weight: ExpressibleByArgument {}
