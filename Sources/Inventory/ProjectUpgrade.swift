import GeoIO

extension ProjectFile {
    /// Brings a project made by an earlier habitat up to the current schemas: each field a layer
    /// lacks is added to it and to its history, after their last columns, with its alias. Existing
    /// features and versions keep their values and have the new fields empty. Called inside the
    /// transaction of a change, so that a failure leaves the file as it was. A project without QGIS
    /// styles gets each layer's default style, and one without the fields' Chinese names in
    /// `gpkg_data_columns` (before habitat wrote them) gets them.
    func upgrade() throws {
        if !package.hasLayer(GeoPackage.stylesTable) {
            try package.setDefaultStyles(LayerSchema.all.map(\.defaultStyle))
        }
        for schema in LayerSchema.all {
            for table in [schema.name, Self.historyTable(schema.name)] {
                let present = Set(try package.fields(of: table).map(\.name))
                for spec in schema.fields where !present.contains(spec.field.name) {
                    try package.addField(spec.field, alias: spec.alias, to: table)
                }
                if try package.columnNames(of: table) != schema.aliases { try package.describeColumns(of: table, names: schema.aliases) }
            }
        }
    }
}
