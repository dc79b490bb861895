import ArgumentParser
import GeoCore
import GeoIO
import Inventory

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer of a project to a file: .geojson (RFC 7946), .gpkg, .shp, .kml, .kmz, .csv or .xlsx.",
        discussion: """
            Each format as the programs that open it want it: a GeoPackage with the layer's QGIS style and \
            the fields' Chinese names; a shapefile with short field names (≤ 10 characters), a .cpg, and \
            <name>.fields.csv giving each one's full and Chinese name; KML/KMZ for Google Earth and 奥维互动地图 \
            (placemarks named, styled by class, a balloon of the Chinese-named fields); CSV and XLSX with \
            the Chinese headers and each feature's 经度/纬度 (or X/Y in the project CRS with --xy).

            --to-crs gcj02 (Amap, Tencent) or bd09 (Baidu) shifts the positions of a GeoJSON, KML or CSV as \
            those web maps draw WGS 84, so that the layer lies right on their base maps; the file says so \
            (GeoJSON and KML in their description, CSV in its headers: 经度(GCJ-02)). Never for GIS formats.

            With --form, the layer is written as its survey form (.xlsx or .csv): the form's Chinese headers, \
            areas in 万平方米, counties by name, 经度/纬度; surveyed outlines go beside it in \
            <form>.outlines.gpkg. A county fills it in and sends it back; habitat import reads it as it is.

            Examples:
              habitat export qujing.gpkg parks parks-2018.geojson --as-of 2018-12-31
              habitat export qujing.gpkg old_factories factories.shp --encoding gbk
              habitat export qujing.gpkg parks parks.kmz
              habitat export qujing.gpkg parks parks-amap.geojson --to-crs gcj02
              habitat export qujing.gpkg old_factories 罗平县旧厂区.xlsx --form
            """)

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("The file to write; its extension picks the format.", valueName: "out"))
    var out: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The layer as the inventory said then: a date (its end) or an ISO 8601 timestamp.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("A shapefile's attribute encoding: utf-8 (the default) or gbk for old ArcMap.", valueName: "encoding"))
    var encoding: String?

    @Option(name: .customLong("to-crs"), help: ArgumentHelp(
        "gcj02 (Amap, Tencent) or bd09 (Baidu): positions shifted to lie right on that web map (GeoJSON, KML, CSV only).",
        valueName: "offset"))
    var toCRS: String?

    @Flag(help: "A CSV's or workbook's positions as X/Y (东坐标/北坐标) in the project CRS instead of 经度/纬度.")
    var xy = false

    @Flag(help: "Write the layer as its survey form (.xlsx or .csv), for a county to fill in and send back.")
    var form = false

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func run() throws {
        let format = try usage("out") { try VectorFormat(path: out) }
        if form && format != .csv && format != .xlsx { throw UsageError(message: "\(InventoryError.formFormat(out))") }
        var options = ExportOptions()
        options.encoding = try encoding.map { text in try usage("--encoding") { try TextEncoding(parsing: text) } } ?? .utf8
        if options.encoding != .utf8 && format != .shapefile { throw UsageError(message: "--encoding: for a shapefile (.shp) only") }
        if let toCRS {
            guard case let .webMap(offset) = try? CoordinateSystem(parsing: toCRS) else {
                throw UsageError(message: "--to-crs: '\(toCRS)' is not a web map's offset; use gcj02 (Amap, Tencent) or bd09 (Baidu)")
            }
            guard format.takesWebMapOffsets else { throw UsageError(message: "\(InventoryError.webMapFormat(out))") }
            options.webMap = offset
        }
        if xy && format != .csv && format != .xlsx { throw UsageError(message: "--xy: for a .csv or .xlsx only") }
        if xy && toCRS != nil { throw UsageError(message: "--xy and --to-crs: X/Y are in the project CRS, which no web map shifts") }
        options.projectXY = xy
        if form && (toCRS != nil || xy) { throw UsageError(message: "--form writes the form's own 经度/纬度 (WGS 84); --to-crs and --xy do not apply") }
        let instant = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
        let project = try ProjectFile.open(file)
        guard form else {
            let exported = try project.export(layer, to: out, asOf: instant, options: options)
            print("\(out): \(exported.count) features of \(layer)")
            if let fieldsFile = exported.fieldsFile { print("\(fieldsFile): each short field name's full name and Chinese name") }
            if let offset = options.webMap {
                print("positions in \(CoordinateSystem.webMap(offset)), for \(offset == .gcj02 ? "Amap and Tencent" : "Baidu") base maps only")
            }
            if let system = exported.importCRS {
                print("imports back with: habitat import \(file) \(layer) \(out) --crs \(Self.argument(system))")
            }
            return
        }
        let written = try project.exportForm(layer, to: out, asOf: instant)
        print("\(out): \(written.count) features of \(layer) as its survey form")
        if let outlines = written.outlines {
            print("\(outlines): their outlines; filled in, both import with: habitat import \(project.path) \(layer) \(out) --geometry \(outlines)")
        }
    }

    /// A coordinate system as --crs takes it.
    private static func argument(_ system: CoordinateSystem) -> String {
        switch system {
        case let .webMap(offset): offset.rawValue
        case let .crs(crs): crs.identifier ?? "'\(crs.definition)'"
        }
    }
}
