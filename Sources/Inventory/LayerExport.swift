import Foundation
import GeoCore
import GeoIO

/// How `export` writes a layer, beyond what the file's extension says.
public struct ExportOptions: Sendable {
    /// Shapefile: its attributes' encoding (.cpg): UTF-8, or GBK for old ArcMap.
    public var encoding: TextEncoding = .utf8
    /// GeoJSON, KML/KMZ, CSV: the positions shifted as Amap and Tencent (GCJ-02) or Baidu (BD-09)
    /// draw WGS 84, so that the layer lies right on their base maps.
    public var webMap: WebMapOffset?
    /// CSV, XLSX: X/Y in the project CRS instead of 经度/纬度.
    public var projectXY = false

    public init() {}
}

/// What `export` wrote.
public struct ExportedLayer: Sendable {
    public let count: Int
    /// Beside a shapefile, `<name>.fields.csv`: each short field name's full and Chinese name.
    public let fieldsFile: String?
    /// What an import of the file back declares with --crs, where the file states no coordinate
    /// system (a table's) or a wrong one (a web map's shift is not the WGS 84 it claims); nil
    /// where it states its own.
    public let importCRS: CoordinateSystem?
}

extension ProjectFile {
    /// Writes a layer to a file whose extension names the format, as the programs that open it want
    /// it, and as `habitat import` reads it back:
    /// - GeoPackage (.gpkg): project CRS, the layer's QGIS style and its fields' Chinese names
    ///   (in the style's QML for QGIS, in `gpkg_data_columns` for other readers);
    /// - Shapefile (.shp): project CRS, the fields' short names (`ShapefileNames`), a .cpg always,
    ///   and `<name>.fields.csv` beside it;
    /// - GeoJSON (.geojson): RFC 7946, WGS 84;
    /// - KML/KMZ: WGS 84, placemarks named by the features' names, styled by class, with a balloon
    ///   of the Chinese-named fields;
    /// - CSV, XLSX: the Chinese headers, each feature's 经度/纬度 (WGS 84) or X/Y (project CRS), and
    ///   in a CSV of lines or polygons their geometry as WKT in the same coordinates.
    ///
    /// With `options.webMap`, GeoJSON, KML and CSV hold the web map's shifted positions and say so
    /// (GeoJSON's and KML's description, the CSV's headers). Never onto the project file itself.
    public func export(_ name: String, to path: String, asOf instant: String? = nil,
                       options: ExportOptions = ExportOptions()) throws -> ExportedLayer {
        try refuseOverwriting(path)
        let format = try VectorFormat(path: path)
        if options.webMap != nil, !format.takesWebMapOffsets { throw InventoryError.webMapFormat(path) }
        let schema = try LayerSchema.named(name)
        var layer = try self.layer(name, asOf: instant)
        let webMap = options.webMap.map { CoordinateSystem.webMap($0) }
        var written = WriteOptions()
        written.coordinateSystem = webMap
        if let webMap {
            written.description = "\(schema.title)（habitat）: coordinates in \(webMap), shifted from WGS 84 for \(Self.mapsDrawing(webMap)); "
                + "not for GIS analysis"
        }
        switch format {
        case .geoPackage:
            written.style = schema.defaultStyle
            written.aliases = schema.aliases
        case .shapefile:
            written.encoding = options.encoding
            layer.fields = schema.fields.map { spec in Field(spec.shapefileName ?? spec.field.name, spec.field.kind) }
            let fieldsFile = Self.fieldsFile(of: path)
            try refuseOverwriting(fieldsFile)
            // The field map lands just before the shapefile does, and not at all if the shapefile fails.
            try VectorWriter.write(layer, to: path, format: format, options: written) {
                try VectorWriter.write(fieldNames(schema, source: fieldsFile), to: fieldsFile, format: .csv)
            }
            return ExportedLayer(count: layer.features.count, fieldsFile: fieldsFile, importCRS: nil)
        case .kml, .kmz:
            written.kml = schema.kmlPresentation(of: layer)
        case .csv, .xlsx:
            layer.fields = schema.fields.map { Field($0.alias, $0.field.kind) }
            written.positionColumns = options.projectXY ? .projectXY : .degrees(note: webMap?.description)
            written.coordinateSystem = options.projectXY ? .crs(crs) : try webMap ?? .crs(CRS.wgs84)
        case .geoJSON:
            break
        }
        try VectorWriter.write(layer, to: path, format: format, options: written)
        let tabled = format == .csv || format == .xlsx
        return ExportedLayer(count: layer.features.count, fieldsFile: nil, importCRS: tabled ? written.coordinateSystem : webMap)
    }

    /// Which web maps draw in `system`.
    private static func mapsDrawing(_ system: CoordinateSystem) -> String {
        system == .webMap(.bd09) ? "Baidu base maps" : "Amap and Tencent base maps"
    }

    /// `parks.shp` → `parks.fields.csv`.
    static func fieldsFile(of shapefile: String) -> String {
        (shapefile as NSString).deletingPathExtension + ".fields.csv"
    }

    /// The table of `<name>.fields.csv`: each field's short name, full name and Chinese name.
    func fieldNames(_ schema: LayerSchema, source: String) -> FeatureLayer {
        FeatureLayer(source: source, name: "fields",
                     fields: [Field("short_name", .string), Field("full_name", .string), Field("中文名称", .string)],
                     features: schema.fields.map { spec in
                         Feature(values: [.string(spec.shapefileName ?? spec.field.name), .string(spec.field.name), .string(spec.alias)],
                                 geometry: nil)
                     },
                     coordinateSystem: .crs(crs))
    }
}
