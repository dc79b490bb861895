import GeoCore
import GeoIO

extension ProjectFile {
    /// One page of a layer, as it is now or as the inventory said at `instant`: the features whose
    /// fields hold the values `equal` gives and whose geometry intersects `area` (in the project
    /// CRS), those at positions `window` in the order they were stored; and how many match in all.
    /// What a feature service asks of the project, answered from the spatial index rather than by
    /// reading the layer whole.
    public func page(of layer: String, asOf instant: String? = nil, equal: [String: AttributeValue] = [:],
                     intersecting area: Geometry? = nil, window: Range<Int>) throws -> (features: FeatureLayer, matched: Int) {
        let schema = try LayerSchema.named(layer)
        var conditions = try equal.sorted { $0.key < $1.key }.map { name, value in
            guard schema.fieldNames.contains(name) else {
                throw InventoryError.unknownField(name, layer: layer, fields: schema.fieldNames)
            }
            switch value {
            case .null: return "\"\(name)\" IS NULL"
            case let .integer(number): return "\"\(name)\" = \(number)"
            case let .real(number): return "\"\(name)\" = \(number)"
            case let .string(text): return "\"\(name)\" = \(Self.quoted(text))"
            }
        }
        if let instant { conditions.append(try versionsOpen(at: instant)) }
        let table = instant == nil ? layer : Self.historyTable(layer)
        // A layer a project made by an earlier habitat lacks holds nothing yet.
        guard package.hasLayer(table) else { return (emptyLayer(schema), 0) }
        var (features, matched) = try package.page(table, where: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                                                   intersecting: area, window: window)
        features = features.selecting(schema.fields.map(\.field))
        features.name = layer
        features.coordinateSystem = .crs(crs)
        return (features, matched)
    }
}

extension ProjectFile {
    /// The extent of a layer's current features, in the project CRS; nil while it has none.
    public func extent(of layer: String) throws -> Envelope? {
        let name = try LayerSchema.named(layer).name
        return package.hasLayer(name) ? try package.summary(name).extent : nil
    }

    /// A mark that changes whenever the project does (every import and deletion is logged): what
    /// a result computed from the project is kept under.
    public func changeMark() throws -> String {
        let log = try importLog()
        return "\(log.features.count) " + (log.features.indices.map { log.value("at", at: $0).description }.max() ?? "")
    }
}
