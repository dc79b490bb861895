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
            positions picked on Amap, Tencent or Baidu maps, or a 坐标系 column naming each row's \
            (高德/腾讯 = GCJ-02, 百度 = BD-09, GPS = WGS 84, or an EPSG code). Hotline exports (incidents: \
            工单编号, 受理时间, 问题类型, 地址, …): a row without coordinates whose 地址 is exactly a key area's \
            name is placed on that key area, flagged approximate; each case is given its unit-grid cell.

            CAD drawings (.dxf, as the source or --geometry) give site outlines: closed polylines \
            and hatches become polygons, and the TEXT/MTEXT label inside each gives its code; \
            coordinates in Gauss-Krüger metres find their zone unless --crs or --geometry-crs says.

            Example:
              habitat import qujing.gpkg parks parks.shp --field name=公园名称 --code-field 编号
              habitat import qujing.gpkg old_factories form.csv --geometry outlines.dxf --outline-layer 厂区 --label-layer 编号
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

    @Option(name: .customLong("geometry-crs"), help: ArgumentHelp(
        "The coordinate system of the --geometry file where it states none (EPSG code, WKT, gcj02, bd09); by default the Gauss-Krüger zone its coordinates fit.",
        valueName: "crs"))
    var geometryCRS: String?

    @Option(name: .customLong("outline-layer"), help: ArgumentHelp(
        "In a CAD drawing (.dxf), the layer of the site outlines (厂区, 用地红线); by default every polyline and hatch.", valueName: "layer"))
    var outlineLayer: String?

    @Option(name: .customLong("label-layer"), help: ArgumentHelp(
        "In a CAD drawing, the layer of the labels (编号) that give the outlines their codes; by default any text naming a row of the form, or every text without a form.",
        valueName: "layer"))
    var labelLayer: String?

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
        if geometryCRS != nil && geometrySource == nil { throw ValidationError("--geometry-crs goes with --geometry FILE") }
        if (outlineLayer ?? labelLayer) != nil && ![source, geometrySource].contains(where: { $0.map(CADDrawing.isDrawing) == true }) {
            throw ValidationError("--outline-layer and --label-layer pick layers of a CAD drawing (.dxf), as the source or --geometry")
        }
    }

    func run() throws {
        var importer = Importer(layer: layer, source: source)
        importer.declared = try crs.map { text in try usage("--crs") { try CoordinateSystem(parsing: text) } }
        importer.fieldMap = try usage("--field") { try Importer.fieldMapping(fields) }
        importer.codeField = codeField
        importer.skipInvalid = skipInvalid
        importer.encoding = try encoding.map { text in try usage("--encoding") { try TextEncoding(parsing: text) } }
        importer.geometrySource = geometrySource
        importer.geometryDeclared = try geometryCRS.map { text in try usage("--geometry-crs") { try CoordinateSystem(parsing: text) } }
        importer.outlineLayer = outlineLayer
        importer.labelLayer = labelLayer
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
