import CGDAL
import Foundation
import GeoCore

/// Reads a layer of any vector format GDAL opens — GeoJSON, Shapefile (with its .prj and .cpg),
/// GeoPackage, KML, CSV with a WKT column, and the rest — into a `FeatureLayer`.
public enum VectorReader {
    /// - Parameters:
    ///   - layer: the layer (sheet, folder) to read; when nil, every folder of a KML, one after
    ///     another, and the first layer of any other file (the others that hold features are
    ///     named in `unreadLayers`).
    ///   - declaredCoordinateSystem: overrides whatever the file states (for files that state
    ///     none, or state WGS 84 for positions that were really picked on a web map).
    ///   - encoding: the text encoding of a CSV file or a shapefile's attributes, where the file
    ///     does not say; otherwise detected (UTF-8, with or without BOM, or else GB18030).
    ///   - maxFeatures: the most features to read; a file holding more is refused with
    ///     `tooManyFeatures` before it is read whole.
    ///   - headers: whether a spreadsheet's first row names its columns; without, every row is a
    ///     feature (blank rows too) and the columns are Field1, Field2, … (a form laid out for print).
    ///   - onlyFields: the fields to keep, where a caller needs few of them (nil: every one).
    public static func read(_ path: String, layer: String? = nil, declaredCoordinateSystem: CoordinateSystem? = nil,
                            encoding: TextEncoding? = nil, maxFeatures: Int? = nil, headers: Bool = true,
                            onlyFields: Set<String>? = nil) throws -> FeatureLayer {
        guard FileManager.default.fileExists(atPath: path) else { throw GeoIOError.noSuchFile(path) }
        // GeoJSON by our own reader, in parallel, where it gives what OGR gives (HABITAT_GEOJSON=ogr
        // to have OGR read it, as a measure).
        if ["geojson", "json"].contains((path as NSString).pathExtension.lowercased()),
           ProcessInfo.processInfo.environment["HABITAT_GEOJSON"] != "ogr",
           let read = try GeoJSONReader.read(path, layer: layer, declaredCoordinateSystem: declaredCoordinateSystem, maxFeatures: maxFeatures,
                                             onlyFields: onlyFields) {
            return read
        }
        return try readWithOGR(path, layer: layer, declaredCoordinateSystem: declaredCoordinateSystem, encoding: encoding,
                               maxFeatures: maxFeatures, headers: headers, onlyFields: onlyFields)
    }

    /// `read` by GDAL's drivers, whatever the format.
    static func readWithOGR(_ path: String, layer: String? = nil, declaredCoordinateSystem: CoordinateSystem? = nil,
                            encoding: TextEncoding? = nil, maxFeatures: Int? = nil, headers: Bool = true,
                            onlyFields: Set<String>? = nil) throws -> FeatureLayer {
        GDAL.ready
        guard FileManager.default.fileExists(atPath: path) else { throw GeoIOError.noSuchFile(path) }
        let kind = (path as NSString).pathExtension.lowercased()
        let utf8Copy = kind == "csv" ? try utf8Copy(path, encoding: encoding) : nil
        defer { if let utf8Copy { try? FileManager.default.removeItem(atPath: utf8Copy) } }
        var openOptions: [String] = []
        switch kind {
        case "csv": openOptions = ["GEOM_POSSIBLE_NAMES=WKT,wkt,geometry,GEOMETRY,geom", "KEEP_GEOM_COLUMNS=NO"]
        case "shp", "dbf":
            openOptions = (encoding ?? ShapefileEncoding.detect(path)).map { $0 == .utf8 ? ["ENCODING=UTF-8"] : ["ENCODING=CP936"] } ?? []
        // Dates as written: a column of days and moments would otherwise be typed date-time, and a
        // day ("2018-12-08", a deadline running to its end) read back as its first second.
        case "geojson", "json": openOptions = ["DATE_AS_STRING=YES"]
        default: break
        }
        // A spreadsheet's first row holds the headers, even when every cell below is text too
        // (GDAL 3.6 takes this as a configuration option only).
        let headerOption = ["xlsx": "OGR_XLSX_HEADERS", "ods": "OGR_ODS_HEADERS"][kind]
        if let headerOption { CPLSetThreadLocalConfigOption(headerOption, headers ? "FORCE" : "DISABLE") }
        defer { if let headerOption { CPLSetThreadLocalConfigOption(headerOption, nil) } }
        CPLErrorReset()
        let opened = utf8Copy ?? (kind == "kmz" ? kmzDocument(path) : nil) ?? path
        // The drivers of the extension only: a file's content is never sniffed as another format
        // (a VRT named .csv would read any file it points at).
        let dataset = GDAL.withStringList(openOptions) { options in
            GDAL.withStringList(driversByExtension[kind] ?? []) { drivers in
                GDALOpenEx(opened, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), driversByExtension[kind] == nil ? nil : UnsafePointer(OpaquePointer(drivers)),
                           UnsafePointer(OpaquePointer(options)), nil)
            }
        }
        guard let dataset else { throw GeoIOError.unreadable(path, reason: GDAL.lastError) }
        defer { GDALClose(dataset) }
        let layers = try pickLayers(dataset, named: layer, path: path)
        var layersRead: [FeatureLayer] = []
        for ogrLayer in layers {
            layersRead.append(try read(ogrLayer, source: path, declaredCoordinateSystem: declaredCoordinateSystem,
                                       maxFeatures: maxFeatures, alreadyRead: layersRead.reduce(0) { $0 + $1.features.count },
                                       onlyFields: onlyFields))
        }
        var result = FeatureLayer(concatenating: layersRead)
        if layer == nil {
            result.unreadLayers = (Int32(layers.count)..<GDALDatasetGetLayerCount(dataset)).compactMap { GDALDatasetGetLayer(dataset, $0) }
                .filter { OGR_L_GetFeatureCount($0, 1) > 0 }.map { String(cString: OGR_L_GetName($0)) }
                .filter { $0 != GeoPackage.stylesTable }  // QGIS's styles, not data
        }
        return result
    }

    /// The GDAL drivers that may open a file, by its extension; any driver for one not listed.
    static let driversByExtension: [String: [String]] = [
        "csv": ["CSV"], "geojson": ["GeoJSON"], "json": ["GeoJSON"], "xlsx": ["XLSX"], "ods": ["ODS"],
        "kml": ["LIBKML", "KML"], "kmz": ["LIBKML", "KML"], "shp": ["ESRI Shapefile"], "dbf": ["ESRI Shapefile"],
        "zip": ["ESRI Shapefile"], "shz": ["ESRI Shapefile"], "dxf": ["DXF"], "gpx": ["GPX"], "gpkg": ["GPKG"],
    ]

    /// A UTF-8 copy of a CSV file in another encoding (to be removed by the caller), or nil when
    /// the file is UTF-8 already.
    private static func utf8Copy(_ path: String, encoding: TextEncoding?) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let encoding = encoding ?? TextEncoding.detect(data)
        guard encoding != .utf8 else {
            _ = try encoding.decode(data, path: path)  // a file declared UTF-8 that is not says so
            return nil
        }
        let text = try encoding.decode(data, path: path)
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("habitat-\(UUID().uuidString)-\((path as NSString).lastPathComponent)")
        try Data(text.utf8).write(to: copy)
        return copy.path
    }

    /// The KMZ's doc.kml, where it holds the placemarks (as Google Earth and habitat write it), read
    /// as a KML inside the zip: GDAL's KMZ reading leaves out the <Schema> of their ExtendedData,
    /// and with it every field but the name and description. Nil for a KMZ whose doc.kml only links
    /// to its layers (GDAL's own), which GDAL reads whole.
    private static func kmzDocument(_ path: String) -> String? {
        let document = "/vsizip/\(path)/doc.kml"
        guard let file = VSIFOpenL(document, "rb") else { return nil }
        defer { VSIFCloseL(file) }
        // Placemarks come early in a document that holds them; past the first megabyte, GDAL reads
        // the KMZ whole (the document is not held here, however large it unzips).
        let placemark = Data("<Placemark".utf8)
        var bytes = [UInt8](repeating: 0, count: 1 << 16), text = Data(), read = 0
        while read < 1 << 20, case let count = VSIFReadL(&bytes, 1, bytes.count, file), count > 0 {
            read += count
            text = text.suffix(placemark.count - 1) + bytes.prefix(count)
            if text.range(of: placemark) != nil { return document }
        }
        return nil
    }

    /// Reads an open OGR layer (its attribute filter applied) into a `FeatureLayer`; refuses a file
    /// holding more than `maxFeatures`, `alreadyRead` of them read from its other layers. With a
    /// `window`, only the features at those positions are read (a page); with `onlyFields`, only
    /// those fields; with `polygonsAsImported`, a multi-polygon of one polygon (what a polygon
    /// becomes in a multi-polygon table) is read as that polygon.
    static func read(_ ogrLayer: OGRLayerH, source path: String, declaredCoordinateSystem: CoordinateSystem? = nil,
                     maxFeatures: Int? = nil, alreadyRead: Int = 0, window: Range<Int>? = nil,
                     onlyFields: Set<String>? = nil, polygonsAsImported: Bool = false) throws -> FeatureLayer {
        let room = maxFeatures.map { $0 - alreadyRead } ?? .max
        // Where the driver counts cheaply, or has loaded the layer anyway (XLSX, GeoJSON), refuse
        // before a feature is read; else stop at the first one past the limit.
        if let maxFeatures, OGR_L_TestCapability(ogrLayer, OLCFastFeatureCount) != 0, OGR_L_GetFeatureCount(ogrLayer, 0) > room {
            throw GeoIOError.tooManyFeatures(path, limit: maxFeatures)
        }
        let definition = OGR_L_GetLayerDefn(ogrLayer)
        let ogrTypes = (0..<OGR_FD_GetFieldCount(definition)).map { OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, $0)) }
        let allFields = fields(ogrLayer)
        // Each feature's values are as many as the fields kept, not as the table's.
        let columns = allFields.indices.filter { onlyFields?.contains(allFields[$0].name) ?? true }
        let fields = columns.map { allFields[$0] }
        let stated = try OGR_L_GetSpatialRef(ogrLayer).map { try StatedCRS($0) }
        let swapAxes = declaredCoordinateSystem == nil && stated?.dataIsNorthFirst == true
        var result = FeatureLayer(source: path, name: String(cString: OGR_L_GetName(ogrLayer)), fields: fields,
                                  coordinateSystem: declaredCoordinateSystem ?? stated.map { CoordinateSystem.crs($0.crs) })

        OGR_L_ResetReading(ogrLayer)
        if let window, window.lowerBound > 0, OGR_L_SetNextByIndex(ogrLayer, GIntBig(window.lowerBound)) != OGRERR_NONE {
            return result  // past the last feature
        }
        while result.features.count < window?.count ?? .max, let feature = OGR_L_GetNextFeature(ogrLayer) {
            defer { OGR_F_Destroy(feature) }
            if let maxFeatures, result.features.count == room { throw GeoIOError.tooManyFeatures(path, limit: maxFeatures) }
            let values = columns.map { attribute(feature, Int32($0), allFields[$0].kind, ogrTypes[$0]) }
            var geometry = try OGR_F_GetGeometryRef(feature).map { read in
                let single = polygonsAsImported && OGR_GT_Flatten(OGR_G_GetGeometryType(read)) == wkbMultiPolygon
                    && OGR_G_GetGeometryCount(read) == 1
                return try readGeometry(single ? OGR_G_GetGeometryRef(read, 0) : read, path: path, index: result.features.count)
            }
            if swapAxes, let swapped = geometry { geometry = try swapped.swappingXY() }
            result.features.append(Feature(values: values, geometry: geometry, fid: OGR_F_GetFID(feature)))
        }
        result.parts = [FeatureLayer.Part(name: result.name, count: result.features.count)]
        return result
    }

    /// The names of the layers in a file.
    public static func layerNames(_ path: String) throws -> [String] {
        GDAL.ready
        guard FileManager.default.fileExists(atPath: path) else { throw GeoIOError.noSuchFile(path) }
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoIOError.unreadable(path, reason: GDAL.lastError)
        }
        defer { GDALClose(dataset) }
        return (0..<GDALDatasetGetLayerCount(dataset)).map { String(cString: OGR_L_GetName(GDALDatasetGetLayer(dataset, $0))) }
    }

    /// The layer named; or else every layer of a KML, whose folders are how people group
    /// placemarks rather than separate data; or else the first layer.
    private static func pickLayers(_ dataset: GDALDatasetH, named name: String?, path: String) throws -> [OGRLayerH] {
        let count = GDALDatasetGetLayerCount(dataset)
        guard count > 0 else { throw GeoIOError.noLayers(path) }
        guard let name else {
            let isKML = ["kml", "kmz"].contains((path as NSString).pathExtension.lowercased())
            return (0..<(isKML ? count : 1)).compactMap { GDALDatasetGetLayer(dataset, $0) }
        }
        if let layer = GDALDatasetGetLayerByName(dataset, name) { return [layer] }
        let available = (0..<GDALDatasetGetLayerCount(dataset)).map { String(cString: OGR_L_GetName(GDALDatasetGetLayer(dataset, $0))) }
        throw GeoIOError.noSuchLayer(path, layer: name, available: available)
    }

    /// An open OGR layer's fields, in its order.
    static func fields(_ ogrLayer: OGRLayerH) -> [Field] {
        let definition = OGR_L_GetLayerDefn(ogrLayer)
        return (0..<OGR_FD_GetFieldCount(definition)).map { index in
            let field = OGR_FD_GetFieldDefn(definition, index)
            return Field(String(cString: OGR_Fld_GetNameRef(field)), fieldKind(OGR_Fld_GetType(field)))
        }
    }

    private static func fieldKind(_ type: OGRFieldType) -> Field.Kind {
        switch type {
        case OFTInteger, OFTInteger64: .integer
        case OFTReal: .real
        default: .string
        }
    }

    private static func attribute(_ feature: OGRFeatureH, _ index: Int32, _ kind: Field.Kind,
                                  _ type: OGRFieldType) -> AttributeValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, index) == 1 else { return .null }
        switch kind {
        case .integer: return .integer(OGR_F_GetFieldAsInteger64(feature, index))
        case .real: return .real(OGR_F_GetFieldAsDouble(feature, index))
        case .string where type == OFTDate || type == OFTDateTime: return .string(isoDate(feature, index, withTime: type == OFTDateTime))
        case .string: return .string(String(cString: OGR_F_GetFieldAsString(feature, index)))
        }
    }

    /// Dates as ISO 8601 ("2017-05-01", "2017-05-01T08:30:00"), whatever the format: GDAL's own
    /// text for them ("2017/05/01") does not sort with the dates people write.
    private static func isoDate(_ feature: OGRFeatureH, _ index: Int32, withTime: Bool) -> String {
        var (year, month, day, hour, minute, zone): (Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0)
        var second: Float = 0
        OGR_F_GetFieldAsDateTimeEx(feature, index, &year, &month, &day, &hour, &minute, &second, &zone)
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        return withTime ? date + String(format: "T%02d:%02d:%02d", hour, minute, Int(second)) : date
    }

    /// The OGR geometry as GEOS geometry, curves approximated by lines.
    static func readGeometry(_ geometry: OGRGeometryH, path: String, index: Int) throws -> Geometry {
        var linear: OGRGeometryH? = nil
        if OGR_G_HasCurveGeometry(geometry, 1) != 0 { linear = OGR_G_GetLinearGeometry(geometry, 0, nil) }
        defer { if let linear { OGR_G_DestroyGeometry(linear) } }
        let source = linear ?? geometry
        var wkb = [UInt8](repeating: 0, count: OGR_G_WkbSizeEx(source))
        OGR_G_ExportToIsoWkb(source, wkbNDR, &wkb)
        do {
            return try Geometry(wkb: wkb)
        } catch {
            throw GeoIOError.unreadable(path, reason: "feature \(index + 1): \(error)")
        }
    }
}

/// The CRS a file states, and whether its coordinates are stored northing (latitude) first.
struct StatedCRS {
    let crs: CRS
    let dataIsNorthFirst: Bool

    init(_ srs: OGRSpatialReferenceH) throws {
        crs = try CRS(StatedCRS.definition(srs))
        // GDAL stores coordinates in the order its axis mapping says; ours put east first.
        var count: Int32 = 0
        let mapping = OSRGetDataAxisToSRSAxisMapping(srs, &count)
        var orientation = OAO_Other
        if let mapping, count > 0 {
            _ = OSRGetAxis(srs, nil, abs(mapping[0]) - 1, &orientation)
        }
        dataIsNorthFirst = orientation == OAO_North || orientation == OAO_South
    }

    /// "EPSG:code" where GDAL can name one (so PROJ picks the best transformation), else WKT2.
    private static func definition(_ srs: OGRSpatialReferenceH) -> String {
        if let authority = OSRGetAuthorityName(srs, nil), let code = OSRGetAuthorityCode(srs, nil) {
            return "\(String(cString: authority)):\(String(cString: code))"
        }
        var wkt: UnsafeMutablePointer<CChar>? = nil
        GDAL.withStringList(["FORMAT=WKT2_2019"]) { options in _ = OSRExportToWktEx(srs, &wkt, UnsafePointer(OpaquePointer(options))) }
        defer { VSIFree(wkt) }
        return wkt.map { String(cString: $0) } ?? ""
    }
}
