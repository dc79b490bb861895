import ArgumentParser
import GeoCore
import GeoIO
import Inventory

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import features from any vector file into a layer of a project.",
        discussion: """
            Features are matched by their code: new codes are inserted, changed features updated, \
            and every earlier version kept in the layer's history. Features without a code get one \
            derived from their geometry and name. A source with bad features is refused whole, \
            each bad feature listed, unless --skip-invalid is given.

            Survey spreadsheets (CSV in UTF-8 or GBK, XLSX) are matched by their Chinese headers \
            (厂区名称, 厂区总面积（万平方米）, ...; areas in 万平方米 become m²) and located by \
            经度/纬度 (decimal or 度分秒) or X/Y Gauss-Krüger columns; --crs gcj02 or bd09 for \
            positions picked on Amap, Tencent or Baidu maps.

            Example:
              habitat import qujing.gpkg parks parks.shp --field name=公园名称 --code-field 编号
            """)

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("Any file GDAL reads.", valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("The source's coordinate system where it states none or a wrong one (EPSG code, WKT, gcj02, bd09).",
                               valueName: "crs"))
    var crs: String?

    @Option(name: .customLong("field"), help: ArgumentHelp("Take layer field TARGET from source field SOURCE.",
                                                           valueName: "TARGET=SOURCE"))
    var fields: [String] = []

    @Option(name: .customLong("code-field"), help: ArgumentHelp("The source field holding the codes.", valueName: "field"))
    var codeField: String?

    @Option(help: ArgumentHelp("The text encoding of a CSV file or a shapefile's attributes, where the file does not say: utf-8, gbk or gb18030 (detected otherwise).",
                               valueName: "encoding"))
    var encoding: String?

    @Option(name: .customLong("geometry"), help: ArgumentHelp(
        "A file of site outlines (shapefile, KML, DXF, GeoJSON) joined to the source's rows on their code (编号).",
        valueName: "file"))
    var geometrySource: String?

    @Option(name: [.customLong("layer"), .customLong("sheet")], help: ArgumentHelp(
        "The layer, sheet or KML folder of the source to read; by default every folder of a KML, the first layer or sheet of anything else.",
        valueName: "name"))
    var sourceLayer: String?

    @Option(name: .customLong("max-features"), help: ArgumentHelp(
        "The most features a source may hold; one with more is refused before it is read whole.", valueName: "count"))
    var maxFeatures = Importer.defaultMaxFeatures

    @Flag(name: .customLong("skip-invalid"), help: "Import the good features; write the bad ones, with reasons, beside the source.")
    var skipInvalid = false

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func validate() throws {
        guard maxFeatures > 0 else { throw ValidationError("--max-features must be at least 1") }
    }

    func run() throws {
        var importer = Importer(layer: layer, source: source)
        importer.declared = try crs.map { text in try usage("--crs") { try CoordinateSystem(parsing: text) } }
        importer.fieldMap = try usage("--field") { try Importer.fieldMapping(fields) }
        importer.codeField = codeField
        importer.skipInvalid = skipInvalid
        importer.encoding = try encoding.map { text in try usage("--encoding") { try TextEncoding(parsing: text) } }
        importer.geometrySource = geometrySource
        importer.sourceLayer = sourceLayer
        importer.maxFeatures = maxFeatures
        let summary = try importer.run(into: file, waiting: waitingFor(file))
        for note in summary.notes { warn(note) }
        for repair in summary.repaired { warn(repair) }
        print("\(layer): \(summary.inserted) inserted, \(summary.updated) updated, \(summary.unchanged) unchanged, "
              + "\(summary.rejected) rejected (batch \(summary.batch))")
        if let rejects = summary.rejectsFile { print("rejected features and their reasons: \(rejects)") }
    }
}
