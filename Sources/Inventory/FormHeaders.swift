import Foundation
import GeoIO

/// Matches a spreadsheet's column headers to a layer's fields the way people write them: in
/// Chinese or English, with spaces, full-width brackets, and the unit in the header
/// ("厂区总面积（万平方米）").
enum FormHeaders {
    /// The source column for one field, and the square metres per unit of its values (for areas).
    struct Column: Equatable {
        let index: Int
        let header: String
        let areaUnit: Double?
    }

    /// The columns found for a layer's fields, and the source's columns left over.
    struct Matched {
        /// For each field of the layer, its column, if any.
        let columns: [Column?]
        /// The headers of the columns no field took (nor the location), in the source's order.
        let unused: [String]

        /// What the person importing should hear about the columns: those not used, and that none
        /// matched at all (the features would arrive with nothing but their geometry).
        func notes(_ schema: LayerSchema, source: String) -> [String] {
            guard !unused.isEmpty else { return [] }
            let notUsed = "columns not used: \(unused.joined(separator: ", ")) (map one with --field FIELD=COLUMN)"
            guard columns.allSatisfy({ $0 == nil }) else { return ["\(source): \(notUsed)"] }
            return ["\(source): no column matches a field of \(schema.name) (\(schema.fieldNames.joined(separator: ", "))); \(notUsed)"]
        }

        /// The problem of a required field the source has no column for, with the columns that
        /// might be it.
        func noColumn(for spec: LayerSchema.FieldSpec) -> String {
            let name = spec.field.name
            return "no \(spec.alias) column for \(name); "
                + (unused.isEmpty ? "add one" : "found \(unused.joined(separator: ", "))")
                + " (map one with --field \(name)=COLUMN)"
        }
    }

    /// A form's 序号 numbers its rows: no field's, and not worth a note.
    static let rowNumber = "序号"

    /// What GDAL reads of every KML placemark beside its data: its balloon, its time, how it is
    /// drawn. Not worth a note either.
    static let placemarkFields: Set = ["description", "timestamp", "begin", "end", "altitudemode", "tessellate", "extrude",
                                       "visibility", "draworder", "icon", "snippet"]

    /// For each field of `schema`, its column in `source`, if any. `explicit` maps fields to
    /// headers the user named with --field or --code-field; those must exist. `locatedBy` are the
    /// columns that place the rows (经度, 纬度, X, Y), used though no field takes them.
    static func match(_ schema: LayerSchema, in source: FeatureLayer, explicit: [String: String],
                      locatedBy: [Int]) throws -> Matched {
        for target in explicit.keys.sorted() where !schema.fieldNames.contains(target) {
            throw InventoryError.unknownField(target, layer: schema.name, fields: schema.fieldNames)
        }
        let keys = source.fields.map { normalized($0.name) }
        let columns = try schema.fields.map { spec in
            let name = spec.field.name
            let index: Int?
            if let wanted = explicit[name] {
                guard let found = source.fieldIndex(wanted) ?? keys.firstIndex(of: normalized(wanted)) else {
                    throw InventoryError.noSuchColumn(source.source, column: wanted, available: source.fields.map(\.name))
                }
                index = found
            } else {
                let matches = spec.knownHeaders.compactMap { keys.firstIndex(of: normalized($0)) }
                // A KML's own Name may stand empty beside the form's 厂区名称: take a column with data.
                index = matches.first { column in
                    source.features.contains { !$0.values[column].description.isEmpty }
                } ?? matches.first
            }
            // The form's unit is for the form's own headers: habitat's field names, and its shapefiles'
            // short names of them ("site_m2", once "site_area_"), hold square metres as habitat writes them.
            let ownNames = ([name] + spec.ownShortNames).map(normalized)
            return index.map { index in
                let header = source.fields[index].name
                return Column(index: index, header: header, areaUnit: spec.areaUnit.map { formUnit in
                    unit(in: header) ?? (ownNames.contains(keys[index]) ? 1 : formUnit)
                })
            }
        }
        let used = Set(columns.compactMap { $0?.index } + locatedBy)
        let isKML = source.layerKind == "folder"
        let unused = source.fields.indices.filter { !used.contains($0) && keys[$0] != rowNumber && !(isKML && placemarkFields.contains(keys[$0])) }
            .map { source.fields[$0].name }
        return Matched(columns: columns, unused: unused)
    }

    /// A header folded for comparison: lower case, no spaces, half-width brackets, without a
    /// bracketed unit or note.
    static func normalized(_ header: String) -> String {
        var text = header.lowercased()
            .replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
            .filter { !$0.isWhitespace && $0 != "\u{feff}" }
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: ":："))
    }

    /// Square metres per unit named in a header, if it names one.
    static func unit(in header: String) -> Double? {
        let folded = header.lowercased().filter { !$0.isWhitespace }
        let units: [(String, Double)] = [("万平方米", 10_000), ("万㎡", 10_000), ("万m2", 10_000), ("万m²", 10_000),
                                         ("公顷", 10_000), ("(ha)", 10_000), ("亩", 2_000.0 / 3),
                                         ("平方米", 1), ("㎡", 1), ("m2", 1), ("m²", 1)]
        return units.first { folded.contains($0.0) }?.1
    }
}

extension LayerSchema {
    /// The column of `source` that holds `field`, found as an import finds it: by the field's name,
    /// its Chinese name (名称 for `name`) or the headers the forms use.
    public func column(_ field: String, in source: FeatureLayer) -> Int? {
        guard let position = fieldNames.firstIndex(of: field) else { return nil }
        return (try? FormHeaders.match(self, in: source, explicit: [:], locatedBy: []))?.columns[position]?.index
    }
}

