import GeoCore
import GeoIO

extension ProjectFile {
    /// What storing a new unit grid changed.
    public struct GridChange: Sendable, Equatable {
        public var inserted = 0, updated = 0, unchanged = 0, deleted = 0
        /// Cases whose grid cell changed.
        public var incidentsReassigned = 0
    }

    /// Makes `cells` (values in the order of `grid_cells`' fields, geometry in the project CRS) the
    /// project's unit grid, in one change: cells with a new code inserted, changed ones updated,
    /// cells no longer there deleted, each in history; then every case is assigned the cell it lies
    /// in now (and, where it has none, the cell's district). Logged as one batch.
    public static func replaceGrid(_ path: String, cells: [Feature], source: String, waiting: () -> Void = {}) throws -> GridChange {
        let schema = try LayerSchema.named("grid_cells"), incidents = try LayerSchema.named("incidents")
        return try change(path, lock: schema.name, incidents.name, waiting: waiting) { project in
            let batch = try project.nextBatch()
            var change = GridChange()
            let stored = try project.current(schema)
            let byCode = Dictionary(stored.features.map { ($0.values[0].description, $0) }, uniquingKeysWith: { a, _ in a })
            let wanted = Set(cells.map { $0.values[0].description })
            for cell in cells {
                let code = cell.values[0].description
                guard var existing = byCode[code] else {
                    try project.package.insert(cell, into: schema.name, fields: schema.fieldNames)
                    try project.addVersion(of: schema, cell.values, cell.geometry, change: "insert", batch: batch)
                    change.inserted += 1
                    continue
                }
                if let geometry = cell.geometry, try zip(existing.values, cell.values).allSatisfy(Unchanged.value)
                    && Unchanged.geometry(existing.geometry, geometry) {
                    change.unchanged += 1
                    continue
                }
                (existing.values, existing.geometry) = (cell.values, cell.geometry)
                try project.package.replace(existing, in: schema.name, fields: schema.fieldNames)
                try project.closeOpenVersion(of: code, in: schema, at: batch.at)
                try project.addVersion(of: schema, cell.values, cell.geometry, change: "update", batch: batch)
                change.updated += 1
            }
            for old in stored.features where !wanted.contains(old.values[0].description) {
                guard let fid = old.fid else { continue }
                try project.package.delete(fid: fid, from: schema.name)
                try project.closeOpenVersion(of: old.values[0].description, in: schema, at: batch.at)
                try project.addVersion(of: schema, old.values, old.geometry, change: "delete", batch: batch)
                change.deleted += 1
            }
            let grid = try GridCellLocator(FeatureLayer(source: path, name: schema.name, fields: schema.fields.map(\.field),
                                                        features: cells, coordinateSystem: .crs(project.crs)))
            let cellField = incidents.fieldNames.firstIndex(of: "grid_cell")!, districtField = incidents.fieldNames.firstIndex(of: "district")!
            for var incident in try project.current(incidents).features {
                let cell = incident.geometry.flatMap { $0.isEmpty ? nil : grid.cell(of: $0) }
                let before = incident.values
                incident.values[cellField] = cell.map { .string($0.code) } ?? .null
                // As on import: a case without a district takes its cell's.
                if incident.values[districtField] == .null, let district = cell?.district { incident.values[districtField] = .string(district) }
                guard incident.values != before else { continue }
                try project.package.replace(incident, in: incidents.name, fields: incidents.fieldNames)
                try project.closeOpenVersion(of: incident.values[0].description, in: incidents, at: batch.at)
                try project.addVersion(of: incidents, incident.values, incident.geometry, change: "update", batch: batch)
                change.incidentsReassigned += 1
            }
            try project.record(LogEntry(batch: batch, kind: "grid", layer: schema.name, source: source, inserted: change.inserted,
                                        updated: change.updated + change.incidentsReassigned, unchanged: change.unchanged,
                                        deleted: change.deleted))
            return change
        }
    }
}
