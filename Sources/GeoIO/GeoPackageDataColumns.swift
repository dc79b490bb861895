import CGDAL

/// The GeoPackage schema extension (`gpkg_data_columns`): each column's human-readable name, where
/// readers other than QGIS look for it (GDAL from 3.7 reads it as the field's alternative name;
/// GeoTools, Luciad). GDAL 3.6 writes none, so it is written here in SQL.
extension GeoPackage {
    /// The extension's tables as the GeoPackage 1.3 standard defines them, and its two rows of
    /// `gpkg_extensions`.
    private static let schemaExtension = [
        """
        CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, \
        name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, \
        CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, \
        constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, \
        max_is_inclusive BOOLEAN, description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, \
        definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))
        """,
    ] + ["gpkg_data_columns", "gpkg_data_column_constraints"].map { table in
        // SQLite's UNIQUE lets NULL column_names repeat: the row is added only where missing.
        """
        INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) \
        SELECT '\(table)', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', 'read-write' \
        WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = '\(table)' AND extension_name = 'gpkg_schema')
        """
    }

    /// Records each column's display name (`names`: column → name) in `gpkg_data_columns`, as
    /// both its name and its title; a column's earlier entry is replaced, an unchanged one left.
    func writeDataColumns(of table: String, names: [String: String]) throws {
        guard !names.isEmpty else { return }
        for statement in Self.schemaExtension { try execute(statement) }
        for (column, name) in names.sorted(by: { $0.key < $1.key }) {
            let (table, column, name) = (Self.literal(table), Self.literal(column), Self.literal(name))
            try execute("""
                INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (\(table), \(column), \(name), \(name)) \
                ON CONFLICT (table_name, column_name) DO UPDATE SET name = excluded.name, title = excluded.title \
                WHERE name IS NOT excluded.name OR title IS NOT excluded.title
                """)
        }
    }

    /// The display names `gpkg_data_columns` gives the columns of `table` (column → name).
    func readDataColumns(of table: String) throws -> [String: String] {
        let present = try query("SELECT name FROM sqlite_master WHERE name = 'gpkg_data_columns'")
        guard !present.features.isEmpty else { return [:] }
        let rows = try query("SELECT column_name, name FROM gpkg_data_columns WHERE table_name = \(Self.literal(table)) AND name IS NOT NULL")
        return Dictionary(rows.features.indices.map { (rows.value("column_name", at: $0).description, rows.value("name", at: $0).description) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// An SQL string literal.
    private static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
