import ArgumentParser
import GeoIO
import Inventory

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer of a project to a file: .geojson (RFC 7946), .gpkg, .shp, .csv or .xlsx.",
        discussion: "Example:\n  habitat export qujing.gpkg parks parks-2018.geojson --as-of 2018-12-31")

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("The file to write; its extension picks the format.", valueName: "out"))
    var out: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The layer as the inventory said then: a date (its end) or an ISO 8601 timestamp.", valueName: "date"))
    var asOf: String?

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func run() throws {
        _ = try usage("out") { try VectorFormat(path: out) }
        let instant = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
        let count = try ProjectFile.open(file).export(layer, to: out, asOf: instant)
        print("\(out): \(count) features of \(layer)")
    }
}
