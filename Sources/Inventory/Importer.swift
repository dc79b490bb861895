import Foundation
import GeoCore
import GeoIO

/// Brings a source file into a layer of the project: upsert by code, every change kept in
/// history, all or nothing.
public struct Importer {
    public var layer: String
    public var source: String
    /// The coordinate system of the source where it states none or the wrong one.
    public var declared: CoordinateSystem?
    /// Target field → source field, where the names differ.
    public var fieldMap: [String: String] = [:]
    /// The source field holding the codes, where it is not called `code`.
    public var codeField: String?
    /// Import the good features and write the bad ones beside the source, instead of refusing all.
    public var skipInvalid = false
    /// The text encoding of a CSV source or a shapefile's attributes, where the file does not say.
    public var encoding: TextEncoding?
    /// A file of outlines joined to the source's rows on their code; an outline wins over a point.
    public var geometrySource: String?
    /// The coordinate system of the outlines where their file states none.
    public var geometryDeclared: CoordinateSystem?
    /// In a CAD drawing (the source or the outlines), the layer of the outlines and the layer of
    /// the labels that give their codes.
    public var outlineLayer: String?, labelLayer: String?
    /// The layer, sheet or folder of the source to read, where it has several.
    public var sourceLayer: String?
    /// The most features a source may hold: one past it refuses the import before the source is
    /// read whole.
    public var maxFeatures: Int? = Importer.defaultMaxFeatures
    /// Far more than any layer of a city's inventory, far fewer than would take gigabytes to check.
    public static let defaultMaxFeatures = 1_000_000
    /// Who imports, as the import log records it.
    public var author = ProjectFile.localAuthor

    public init(layer: String, source: String) {
        self.layer = layer
        self.source = source
    }

    public struct Summary: Sendable, Equatable {
        public var batch: Int
        public var inserted = 0, updated = 0, unchanged = 0, rejected = 0
        public var repaired: [String] = []
        /// What the person importing should hear about the source as a whole, and about new
        /// features lying exactly where others do.
        public var notes: [String] = []
        /// Where the rejected features went, with their reasons.
        public var rejectsFile: String?
    }

    /// Reads "TARGET=SOURCE" as given to `--field`.
    public static func fieldMapping(_ specs: [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw InventoryError.badFieldMapping(spec) }
            map[parts[0]] = parts[1]
        }
        return map
    }

    /// Imports into the project at `path`. `waiting` is called if another process is changing the
    /// project and this one has to wait for it.
    public func run(into path: String, waiting: () -> Void = {}) throws -> Summary {
        let schema = try LayerSchema.named(layer)
        let checked = try validation(of: schema, in: ProjectFile.open(path)).check()
        let good = checked.candidates.filter { $0.problems.isEmpty }
        let bad = checked.candidates.filter { !$0.problems.isEmpty }
        if !(bad.isEmpty && checked.problems.isEmpty) && !skipInvalid {
            throw InventoryError.rejected(source, problems: checked.problems + bad.flatMap { candidate in
                candidate.problems.map { "\(candidate.description): \($0)" }
            })
        }
        var summary = Summary(batch: 0)
        func commit() throws {
            summary = try ProjectFile.change(path, lock: layer, waiting: waiting) { project in
                try apply(good, rejected: bad.count, schema: schema, to: project)
            }
        }
        if bad.isEmpty {
            try commit()
        } else {
            // The rejects file is complete before the import commits and moved in after: a failure
            // writing it leaves the project as it was, and none comes after the import landed.
            let rejectsFile = try ImportValidation.writeRejects(bad, from: checked.source, beforeMoving: commit)
            summary.rejectsFile = rejectsFile
        }
        summary.rejected = bad.count
        summary.repaired = good.compactMap(\.repair)
        // Skipped, what is wrong with the source as a whole is still said.
        summary.notes = checked.notes + checked.problems + summary.notes
        return summary
    }

    /// The check of this import's features against what the project holds (its extent, key areas, grid).
    func validation(of schema: LayerSchema, in project: ProjectFile) throws -> ImportValidation {
        var validation = ImportValidation(schema: schema, importer: self, crs: project.crs)
        validation.projectExtent = try project.extent()
        if schema.placedByKeyArea != nil {
            validation.keyAreas = try KeyAreaPlaces(project.layer("key_areas"))
            validation.gridCells = try GridCellLocator(project.layer("grid_cells"))
        }
        return validation
    }

    func apply(_ features: [ImportValidation.Candidate], rejected: Int, schema: LayerSchema,
                       to project: ProjectFile) throws -> Summary {
        let package = project.package
        let history = ProjectFile.historyTable(layer)
        let batch = try project.nextBatch()
        var summary = Summary(batch: batch.number)
        let current = try project.current(schema)
        let byCode = Dictionary(current.features.map { ($0.values[0].description, $0) }, uniquingKeysWith: { a, _ in a })
        let sourceIndex = schema.fieldNames.firstIndex(of: "source")!
        let approximateIndex = schema.fieldNames.firstIndex(of: "approximate")
        let deleted = Set(try package.read(history, where: "valid_to IS NULL AND change = 'delete'").features.map { $0.values[0].description })
        let sameGeometry = SameGeometry(current)
        // A feature whose code this import carries is not another feature's former self.
        var claimed = Set(features.map(\.code))
        var outlinesKept: [String] = []
        // The new versions go to the history after the layer's own rows: each table's rows then
        // stream to a database in one piece (COPY) instead of a statement each.
        var versions: [(values: [AttributeValue], geometry: Geometry?, change: String)] = []

        for var candidate in features {
            let alike = sameGeometry.codes(of: candidate.geometry).filter { $0 != candidate.code }
            if byCode[candidate.code] == nil, candidate.codeIsDerived, let renamed = alike.first(where: { !claimed.contains($0) }) {
                // Its derived code changed with its name; it is the feature lying exactly there, renamed.
                claimed.insert(renamed)
                candidate.code = renamed
                candidate.values[0] = .string(renamed)
            }
            guard var existing = byCode[candidate.code] else {
                if !alike.isEmpty {
                    summary.notes.append("\(candidate.description): new \(schema.fields[0].alias) \(candidate.code) has exactly the geometry of "
                                         + "\(alike.joined(separator: ", ")); if they are one feature, delete the one not wanted")
                }
                // A feature deleted before has its deletion as its open version: close it.
                if deleted.contains(candidate.code) { try project.closeOpenVersion(of: candidate.code, in: schema, at: batch.at) }
                try package.insert(Feature(values: candidate.values, geometry: candidate.geometry), into: layer,
                                   fields: schema.fieldNames)
                versions.append((candidate.values, candidate.geometry, "insert"))
                summary.inserted += 1
                continue
            }
            // An approximate footprint does not replace a surveyed outline (a form sent back without
            // its outlines file): the point and the stated area only update the attributes.
            if let approximateIndex, candidate.values[approximateIndex] == .integer(1), existing.values[approximateIndex] != .integer(1),
               let outline = existing.geometry, outline.kind.isPolygonal {
                candidate.geometry = outline
                for field in ["approximate", "point_x", "point_y", "area_m2"] {
                    if let index = schema.fieldNames.firstIndex(of: field) { candidate.values[index] = existing.values[index] }
                }
                outlinesKept.append(candidate.code)
            }
            // Where it came from is not a change of the feature itself; nor is `approximate` = 0 where
            // an upgrade left it empty, which means the same. Unchanged, the stored version stays.
            let sameValues = zip(existing.values, candidate.values).enumerated().allSatisfy { field, pair in
                field == sourceIndex || Unchanged.value(pair.0, pair.1) || (field == approximateIndex && pair == (.null, .integer(0)))
            }
            if try sameValues && Unchanged.geometry(existing.geometry, candidate.geometry) {
                summary.unchanged += 1
                continue
            }
            existing.values = candidate.values
            existing.geometry = candidate.geometry
            try package.replace(existing, in: layer, fields: schema.fieldNames)
            try project.closeOpenVersion(of: candidate.code, in: schema, at: batch.at)
            versions.append((candidate.values, candidate.geometry, "update"))
            summary.updated += 1
        }
        for version in versions {
            try project.addVersion(of: schema, version.values, version.geometry, change: version.change, batch: batch)
        }
        if !outlinesKept.isEmpty {
            summary.notes.append("\(outlinesKept.count) site(s) kept their surveyed outline, the source giving only a point and an area "
                                 + "(\(outlinesKept.prefix(5).joined(separator: ", "))\(outlinesKept.count > 5 ? ", …" : "")); "
                                 + "--geometry FILE gives new outlines")
        }
        try project.record(.init(batch: batch, kind: "import", layer: layer, source: source, inserted: summary.inserted,
                                 updated: summary.updated, unchanged: summary.unchanged, rejected: rejected, author: author))
        return summary
    }
}
