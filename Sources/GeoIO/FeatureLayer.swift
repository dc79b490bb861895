import Foundation
import GeoCore

/// A feature: its attribute values, in the order of its layer's fields, and its geometry.
public struct Feature: Sendable {
    public var values: [AttributeValue]
    public var geometry: Geometry?
    /// Its id in the file it was read from; nil for a feature not yet written.
    public var fid: Int64?

    public init(values: [AttributeValue], geometry: Geometry?, fid: Int64? = nil) {
        self.values = values
        self.geometry = geometry
        self.fid = fid
    }
}

/// A table of features sharing one schema and one coordinate system: what GeoIO reads and writes.
public struct FeatureLayer: Sendable {
    /// The file it came from or goes to, for messages.
    public var source: String
    public var name: String
    public var fields: [Field]
    public var features: [Feature]
    /// Nil when the file states none and the user declared none.
    public var coordinateSystem: CoordinateSystem?
    /// The layers of the file the features came from, in order: more than one where the file's
    /// layers were read together (a KML's folders).
    public var parts: [Part] = []
    /// The file's other layers that hold features but were not read (a workbook's other sheets).
    public var unreadLayers: [String] = []
    /// In a spreadsheet, the row of the headers: 1 unless a title block stands above them.
    public var headerRow = 1

    /// One layer of a file, and how many of the features it gave.
    public struct Part: Sendable, Equatable {
        public let name: String
        public let count: Int
    }

    public init(source: String, name: String, fields: [Field], features: [Feature] = [],
                coordinateSystem: CoordinateSystem?) {
        self.source = source
        self.name = name
        self.fields = fields
        self.features = features
        self.coordinateSystem = coordinateSystem
    }

    /// The field called `name`, or else the one whose name differs only in case (a DBF's `NAME`,
    /// a KML's `Name`).
    public func fieldIndex(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The value of `field` in feature `index`, or `.null` where the layer has no such field.
    public func value(_ field: String, at index: Int) -> AttributeValue {
        fieldIndex(field).map { features[index].values[$0] } ?? .null
    }

    /// The layer with `fields` only, in their order, whatever the order of its own; a field it
    /// lacks is empty (`.null`) in every feature.
    public func selecting(_ fields: [Field]) -> FeatureLayer {
        let columns = fields.map { fieldIndex($0.name) }
        var result = self
        result.fields = fields
        // Values already in that order are kept as they are, not copied feature by feature.
        guard columns != self.fields.indices.map(Optional.some) else { return result }
        result.features = features.map { feature in
            var selected = feature
            selected.values = columns.map { column in column.map { feature.values[$0] } ?? .null }
            return selected
        }
        return result
    }

    /// The value of `field` in feature `index` as text, or nil where it is empty or missing.
    public func text(_ field: String, at index: Int) -> String? {
        let text = value(field, at: index).description
        return text.isEmpty ? nil : text
    }

    /// How messages name feature `index`: its 1-based position, and its name where it has one.
    public func describeFeature(_ index: Int) -> String {
        "feature \(index + 1)" + (text("name", at: index).map { " (\"\($0)\")" } ?? "")
    }

    /// Where feature `index` is in its file: its folder or layer and its place there where several
    /// were read, its row in a spreadsheet, or else its place.
    public func position(_ index: Int) -> String {
        if parts.count > 1 {
            var place = index
            for part in parts {
                if place < part.count { return "\(layerKind) \(part.name), feature \(place + 1)" }
                place -= part.count
            }
        }
        return isTable ? "row \(headerRow + 1 + index)" : "feature \(index + 1)"
    }

    /// The spreadsheet as it reads with its headers in feature `index` (a title block stood above
    /// them): the fields named by that row's cells (an empty one keeps the name it had), the rows
    /// below it as the features.
    public func withHeaders(inFeature index: Int) -> FeatureLayer {
        var table = self
        table.fields = zip(fields, features[index].values).map { field, header in
            Field(header.description.isEmpty ? field.name : header.description, field.kind)
        }
        table.features = Array(features[(index + 1)...])
        table.headerRow = headerRow + index + 1
        table.parts = [Part(name: name, count: table.features.count)]
        return table
    }

    /// Whether the file is a spreadsheet, whose features are rows.
    public var isTable: Bool { ["csv", "xlsx", "xls", "ods", "tsv"].contains(fileExtension) }

    /// What the file calls its layers: a KML's are folders, a workbook's sheets.
    public var layerKind: String {
        switch fileExtension {
        case "kml", "kmz": "folder"
        case "xlsx", "xls", "ods": "sheet"
        default: "layer"
        }
    }

    private var fileExtension: String { (source as NSString).pathExtension.lowercased() }

    /// Layers read from one file, one after another: the fields of all of them by name, in the
    /// order they first appear (a feature has no value for a field its layer lacks; a field typed
    /// differently in two layers is text).
    init(concatenating layers: [FeatureLayer]) {
        self = layers[0]
        for layer in layers.dropFirst() {
            for field in layer.fields {
                if let index = fields.firstIndex(where: { $0.name == field.name }) {
                    if fields[index].kind != field.kind { fields[index].kind = .string }
                } else {
                    fields.append(field)
                    for index in features.indices { features[index].values.append(.null) }
                }
            }
            let columns = fields.map { field in layer.fields.firstIndex { $0.name == field.name } }
            features += layer.features.map { feature in
                var merged = feature
                merged.values = columns.map { $0.map { feature.values[$0] } ?? .null }
                return merged
            }
            parts += layer.parts
            coordinateSystem = coordinateSystem ?? layer.coordinateSystem
        }
    }
}
