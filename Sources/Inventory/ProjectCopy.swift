import GeoIO

extension ProjectFile {
    /// What `copy` copied.
    public struct Copied: Sendable {
        /// The new project and the one copied, as said in messages.
        public let path: String, source: String
        public let features: Int, versions: Int, logLines: Int
    }

    /// Copies the project at `source` into a new project at `destination` — a GeoPackage or a
    /// database schema, either way round: every table row for row, in order (each layer, its
    /// history, the import log, the plans, the QGIS styles, the project's own record). The copy is
    /// made in the transaction that creates the new project, so a failure leaves nothing there.
    public static func copy(_ source: String, to destination: String) throws -> Copied {
        let from = try open(source)
        var rows: [String: Int] = [:]
        let copy = try create(destination, crs: from.crs, name: from.name) { to in
            for table in from.package.layerNames {
                var source = try from.package.read(table)
                if table == FeatureStore.stylesTable, let column = source.fieldIndex("f_table_schema") {
                    // A style names the schema its table is in.
                    for index in source.features.indices { source.features[index].values[column] = .string(to.package.tableSchema) }
                }
                if !to.package.hasLayer(table) {
                    // A table the new project does not begin with: the plans.
                    try to.package.createLayer(table, crs: from.crs, content: .attributesOnly, fields: source.fields)
                }
                try to.package.deleteAll(from: table)
                // Sign-in sessions stay with the project they were made for: a token of the original
                // signs in to the copy no more (its accounts come along; their holders sign in anew).
                if table == Accounts.sessionTable { source.features = [] }
                for feature in source.features {
                    try to.package.insert(Feature(values: feature.values, geometry: feature.geometry), into: table,
                                          fields: source.fields.map(\.name))
                }
                rows[table] = source.features.count
            }
            let log = try from.importLog()
            if let store = to.package as? PostGISStore, let last = log.features.indices.compactMap({ log.value("batch", at: $0).doubleValue }).max() {
                _ = try store.count("SELECT setval('\(batchSequence)', \(Int(last)))")
            }
        }
        let layers = LayerSchema.all.map(\.name)
        return Copied(path: copy.path, source: from.path, features: layers.reduce(0) { $0 + (rows[$1] ?? 0) },
                      versions: layers.reduce(0) { $0 + (rows[historyTable($1)] ?? 0) }, logLines: rows[logTable] ?? 0)
    }
}
