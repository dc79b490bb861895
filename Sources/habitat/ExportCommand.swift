import ArgumentParser
import GeoIO
import Inventory

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer of a project to a file: .geojson (RFC 7946), .gpkg, .shp, .csv or .xlsx.",
        discussion: """
            With --form, the layer is written as its survey form (.xlsx or .csv): the form's Chinese headers, \
            areas in 万平方米, counties by name, 经度/纬度; surveyed outlines go beside it in \
            <form>.outlines.gpkg. A county fills it in and sends it back; habitat import reads it as it is.

            Examples:
              habitat export qujing.gpkg parks parks-2018.geojson --as-of 2018-12-31
              habitat export qujing.gpkg old_factories 罗平县旧厂区.xlsx --form
            """)

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("The file to write; its extension picks the format.", valueName: "out"))
    var out: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The layer as the inventory said then: a date (its end) or an ISO 8601 timestamp.", valueName: "date"))
    var asOf: String?

    @Flag(help: "Write the layer as its survey form (.xlsx or .csv), for a county to fill in and send back.")
    var form = false

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func run() throws {
        let format = try usage("out") { try VectorFormat(path: out) }
        if form && format != .csv && format != .xlsx { throw UsageError(message: "\(InventoryError.formFormat(out))") }
        let instant = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
        let project = try ProjectFile.open(file)
        guard form else {
            print("\(out): \(try project.export(layer, to: out, asOf: instant)) features of \(layer)")
            return
        }
        let written = try project.exportForm(layer, to: out, asOf: instant)
        print("\(out): \(written.count) features of \(layer) as its survey form")
        if let outlines = written.outlines {
            print("\(outlines): their outlines; filled in, both import with: habitat import \(project.path) \(layer) \(out) --geometry \(outlines)")
        }
    }
}
