import GeoCore
import GeoIO

extension ProjectFile {
    /// Brings a project made by an earlier habitat up to the current schemas: each layer it lacks is
    /// created with its history and default style; each field a layer lacks is added to it and to its
    /// history, after their last columns, with its alias. Existing features and versions keep their
    /// values and have the new fields empty. Called inside the transaction of a change, so that a
    /// failure leaves the file as it was. The import log gets the columns it lacks (`author`). A project without QGIS styles gets each layer's default style, and
    /// one without the fields' Chinese names in `gpkg_data_columns` (before habitat wrote them) gets them.
    func upgrade() throws {
        if !package.hasLayer(GeoPackage.stylesTable) {
            try package.setDefaultStyles(LayerSchema.all.map(\.defaultStyle))
        }
        for schema in LayerSchema.all where !package.hasLayer(schema.name) {
            try Self.createTables(of: schema, in: package, crs: crs)
            try package.setDefaultStyles([schema.defaultStyle])
        }
        // The log's `author` came with scoped edits: older lines have none.
        let logged = Set(try package.fields(of: Self.logTable).map(\.name))
        for field in Self.logFields where !logged.contains(field.name) { try package.addField(field, to: Self.logTable) }
        for schema in LayerSchema.all {
            for table in [schema.name, Self.historyTable(schema.name)] {
                let present = Set(try package.fields(of: table).map(\.name))
                for spec in schema.fields where !present.contains(spec.field.name) {
                    try package.addField(spec.field, alias: spec.alias, to: table)
                }
                if let names = try package.columnNames(of: table), names != schema.aliases {
                    try package.describeColumns(of: table, names: schema.aliases)
                }
            }
        }
        try createFigureTables()
    }

    /// A layer's table and its history table, each indexed on `code`.
    static func createTables(of schema: LayerSchema, in package: FeatureStore, crs: CRS) throws {
        try package.createLayer(schema.name, crs: crs, content: schema.content,
                                fields: schema.fields.map(\.field), aliases: schema.aliases)
        try package.createLayer(historyTable(schema.name), crs: crs, content: schema.content,
                                fields: versionFields(schema), aliases: schema.aliases)
        try package.createIndex(on: "code", of: schema.name)
        try package.createIndex(on: "code", of: historyTable(schema.name))
    }
}
