import CGDAL
import Foundation

/// A layer's default look, as QGIS keeps it inside a GeoPackage: a row of the `layer_styles`
/// table, its symbology in QML (what QGIS reads) and SLD (what other clients read).
public struct LayerStyle: Sendable {
    public var table: String
    public var name: String
    public var qml: String
    public var sld: String
    public var description: String

    public init(table: String, name: String, qml: String, sld: String, description: String) {
        self.table = table
        self.name = name
        self.qml = qml
        self.sld = sld
        self.description = description
    }
}

extension FeatureStore {
    /// The table QGIS writes and reads its layers' styles in.
    public static let stylesTable = "layer_styles"

    /// QGIS's columns of `layer_styles`, as QGIS creates them through OGR: text of its widths, a
    /// boolean `useAsDefault`, and `update_time` a date-time defaulting to the moment of writing.
    private static let styleColumns: [(name: String, type: OGRFieldType, width: Int32, boolean: Bool)] = [
        ("f_table_catalog", OFTString, 256, false), ("f_table_schema", OFTString, 256, false),
        ("f_table_name", OFTString, 256, false), ("f_geometry_column", OFTString, 256, false),
        ("styleName", OFTString, 30, false), ("styleQML", OFTString, 0, false), ("styleSLD", OFTString, 0, false),
        ("useAsDefault", OFTInteger, 0, true), ("description", OFTString, 0, false), ("owner", OFTString, 30, false),
        ("ui", OFTString, 30, false), ("update_time", OFTDateTime, 0, false),
    ]

    /// Creates `layer_styles` as QGIS does: an attributes table of gpkg_contents, its key `id`.
    private func createStylesTable() throws {
        CPLErrorReset()
        let layer = GDAL.withStringList(["FID=id"]) { options in
            GDALDatasetCreateLayer(dataset, Self.stylesTable, nil, wkbNone, options)
        }
        guard let layer else {
            throw GeoIOError.writeFailed(path, reason: GDAL.lastError)
        }
        for column in Self.styleColumns {
            let definition = OGR_Fld_Create(column.name, column.type)
            defer { OGR_Fld_Destroy(definition) }
            OGR_Fld_SetWidth(definition, column.width)
            if column.boolean { OGR_Fld_SetSubType(definition, OFSTBoolean) }
            if column.type == OFTDateTime { OGR_Fld_SetDefault(definition, "CURRENT_TIMESTAMP") }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw GeoIOError.writeFailed(path, reason: "\(Self.stylesTable).\(column.name): \(GDAL.lastError)")
            }
        }
    }

    /// Makes each style its layer's default: the table is created where missing, and a layer's
    /// earlier default of the same name is replaced.
    public func setDefaultStyles(_ styles: [LayerStyle]) throws {
        if !hasLayer(Self.stylesTable) {
            try createStylesTable()
        }
        let existing = try read(Self.stylesTable)
        for style in styles {
            for (index, feature) in existing.features.enumerated()
            where existing.value("f_table_name", at: index) == .string(style.table)
                && existing.value("styleName", at: index) == .string(style.name) {
                if let fid = feature.fid { try delete(fid: fid, from: Self.stylesTable) }
            }
            let row: [(String, AttributeValue)] = [
                ("f_table_catalog", .string("")), ("f_table_schema", .string(tableSchema)), ("f_table_name", .string(style.table)),
                ("f_geometry_column", .string("geom")), ("styleName", .string(style.name)), ("styleQML", .string(style.qml)),
                ("styleSLD", .string(style.sld)), ("useAsDefault", .integer(1)), ("description", .string(style.description)),
            ]
            try insert(Feature(values: row.map(\.1), geometry: nil), into: Self.stylesTable, fields: row.map(\.0))
        }
    }
}
