import GeoIO

/// The row of a spreadsheet that holds a form's headers. The official forms put a title block
/// above them (the form's title, 填报单位 and 填报日期, a blank row), so the first row may be no
/// headers at all: the headers are the row near the top that names the most columns of the layer.
enum HeaderRow {
    /// How many rows from the top may hold the headers.
    static let searched = 10

    /// `source` with its headers in place: as read when its first row names the most columns of
    /// `schema` (or the `explicit` ones given with --field), else from the row below that does.
    /// Throws when no row names any and there is no geometry to place the rows by.
    static func locate(in source: FeatureLayer, schema: LayerSchema, explicit: [String: String]) throws -> FeatureLayer {
        guard source.isTable else { return source }
        let known = Set((schema.fields.flatMap(\.knownHeaders) + explicit.values).map(FormHeaders.normalized)
                        + SurveyLocation.longitudeHeaders + SurveyLocation.latitudeHeaders
                        + SurveyLocation.xHeaders + SurveyLocation.yHeaders)
        let rows = [source.fields.map(\.name)] + source.features.prefix(searched - 1).map { $0.values.map(\.description) }
        let named = rows.map { cells in cells.filter { known.contains(FormHeaders.normalized($0)) }.count }
        let most = named.max() ?? 0
        if most == 0 && !source.features.isEmpty && source.features.allSatisfy({ $0.geometry == nil }) {
            throw InventoryError.headersNotFound(source.source, layer: schema.name,
                                                 examples: schema.fields.prefix(2).map(\.alias) + ["经度", "纬度"],
                                                 searched: searched, sheet: source.name, otherSheets: source.unreadLayers)
        }
        let row = named.firstIndex(of: most) ?? 0
        return row == 0 ? source : source.withHeaders(inFeature: row - 1)
    }
}
