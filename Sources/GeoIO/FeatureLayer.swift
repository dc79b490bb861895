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
}
