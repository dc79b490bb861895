import Foundation

/// The formats GeoIO writes, each through its OGR driver.
public enum VectorFormat: Sendable, CaseIterable {
    /// RFC 7946: WGS 84 longitude/latitude, exterior rings counter-clockwise, holes clockwise,
    /// no `crs` member, 7 decimals.
    ///
    /// The geometries are snapped to the 7-decimal grid (kept valid) and oriented here rather than
    /// by the driver's RFC7946 mode, whose orientation test misjudges thin valid rings.
    case geoJSON
    /// OGC GeoPackage, in the layer's own CRS, with a spatial index.
    case geoPackage
    /// ESRI Shapefile in the layer's CRS (.prj), attributes in UTF-8 or GBK (.cpg).
    case shapefile
    /// CSV with the geometry as WKT in the layer's CRS, UTF-8 with a byte-order mark so that
    /// Excel and WPS show Chinese text right.
    case csv
    /// An Excel workbook of the attributes (the format holds no geometry).
    case xlsx
    /// KML for Google Earth and 奥维互动地图 (OGR's LIBKML driver): WGS 84 longitude/latitude, each
    /// feature's `name` its placemark's name.
    case kml
    /// KML zipped, as Google Earth saves it.
    case kmz

    /// The format a path's extension names.
    public init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": self = .geoJSON
        case "gpkg": self = .geoPackage
        case "shp": self = .shapefile
        case "csv": self = .csv
        case "xlsx": self = .xlsx
        case "kml": self = .kml
        case "kmz": self = .kmz
        default: throw GeoIOError.unsupportedFormat(path)
        }
    }

    var driver: String {
        switch self {
        case .geoJSON: "GeoJSON"
        case .geoPackage: "GPKG"
        case .shapefile: "ESRI Shapefile"
        case .csv: "CSV"
        case .xlsx: "XLSX"
        case .kml, .kmz: "LIBKML"
        }
    }

    var layerOptions: [String] {
        switch self {
        case .geoJSON: ["COORDINATE_PRECISION=7", "WRITE_NAME=NO"]
        case .geoPackage: []
        case .shapefile: []
        case .csv: ["GEOMETRY=AS_WKT", "WRITE_BOM=YES"]
        case .xlsx: []
        case .kml, .kmz: []
        }
    }

    /// The grid coordinates are rounded to, in the output CRS's units.
    var grid: Double? { self == .geoJSON ? 1e-7 : nil }

    /// Whether the format holds WGS 84 longitude/latitude only (or its web-map shifts), whatever
    /// the layer's CRS: the geometries are transformed on the way out.
    public var isLongitudeLatitude: Bool { self == .geoJSON || self == .kml || self == .kmz }

    /// Whether coordinates shifted for a Chinese web map (GCJ-02, BD-09) may be written: to formats
    /// that web maps and spreadsheets take, never to a GIS format that would store them as if
    /// they were a CRS.
    public var takesWebMapOffsets: Bool { isLongitudeLatitude || self == .csv }

    /// Whether the file records its CRS (GeoJSON is WGS 84 by definition: stating it would only
    /// add the `crs` member RFC 7946 drops; KML states it by being KML).
    var statesCRS: Bool { self == .geoPackage || self == .shapefile || self == .kml || self == .kmz }

    var holdsGeometry: Bool { self != .xlsx }

    /// Whether text that a spreadsheet would take for a formula is written guarded (SpreadsheetText):
    /// CSV only, since an XLSX string is never a formula.
    var guardsFormulas: Bool { self == .csv }

    /// The bytes a shapefile's text field holds (its DBF's limit): GDAL cuts longer text with no
    /// more than a warning.
    static let dbfTextBytes = 254

    /// Formats that want one declared geometry type: polygons are written as multi-polygons.
    var promotesPolygons: Bool { self == .geoPackage || self == .shapefile }
}
