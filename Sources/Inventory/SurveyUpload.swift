import GeoIO

/// One reason an upload was refused: the feature (its row or number in the file, and its name),
/// the field at fault where one is (empty for the feature as a whole), and what is wrong.
public struct UploadReject: Sendable, Equatable {
    public let feature: String
    public let field: String
    public let reason: String
    /// Whether it lies outside the editor's scope (the server answers 403, not 400).
    public var outOfScope = false
}

extension Importer {
    /// Imports a survey file uploaded by `editor` into its district, all or nothing: every feature
    /// must pass the import's validation and the editor's scope (as it is and as the layer holds
    /// it now, for a code the layer has), else nothing is written and every reject comes back in
    /// `InventoryError.uploadRejected`. A feature without a district is in the editor's. A zip
    /// (an XLSX, ODS, KMZ) that would unzip past `maxUnzippedBytes` is refused before it is read.
    public func run(into path: String, by editor: Editor, maxUnzippedBytes: Int64 = UnzippedSize.defaultLimit,
                    waiting: () -> Void = {}) throws -> Summary {
        for file in [source] + [geometrySource].compactMap({ $0 }) { try UnzippedSize.refuse(file, beyond: maxUnzippedBytes) }
        var importer = self
        importer.author = editor.name
        importer.sourceName = UploadArea.clientName(of: source)
        importer.ownDistrict = editor.ownDistrict
        let schema = try LayerSchema.named(layer)
        let checked = try importer.validation(of: schema, in: ProjectFile.open(path)).check()
        let candidates = checked.candidates
        var rejects = checked.problems.map { UploadReject(feature: "", field: "", reason: $0) }
            + candidates.flatMap { candidate in
                candidate.problems.map { UploadReject(feature: candidate.description, field: Self.field(of: $0, in: schema), reason: $0) }
            }
        return try ProjectFile.change(path, lock: layer, waiting: waiting) { project in
            let scope = try EditScope(editor, in: project)
            let current = try project.current(schema)
            let byCode = Dictionary(current.features.map { ($0.values[0].description, $0) }, uniquingKeysWith: { a, _ in a })
            // Checked as they will land: a candidate renamed onto a stored feature is that feature's change.
            for candidate in Importer.resolvingRenames(candidates, current: current) where candidate.problems.isEmpty {
                let stored = byCode[candidate.code]
                if let problem = stored.flatMap({ scope.problem($0.values, $0.geometry, of: schema) }) {
                    rejects.append(UploadReject(feature: candidate.description, field: problem.field,
                                                reason: "\(schema.fields[0].alias) \(candidate.code) as the layer holds it: \(problem.reason)",
                                                outOfScope: true))
                }
                if let problem = scope.problem(candidate.values, candidate.geometry, of: schema) {
                    rejects.append(UploadReject(feature: candidate.description, field: problem.field, reason: problem.reason, outOfScope: true))
                }
            }
            guard rejects.isEmpty else { throw InventoryError.uploadRejected(source, rejects: rejects) }
            var summary = try importer.apply(candidates, rejected: 0, schema: schema, to: project)
            summary.repaired = candidates.compactMap(\.repair)
            summary.notes = checked.notes + summary.notes
            return summary
        }
    }

    /// The field a validation problem names: the column of "column 名称: …", the field of
    /// "required field name (名称) is empty"; empty for the feature as a whole (its geometry).
    static func field(of problem: String, in schema: LayerSchema) -> String {
        if problem.hasPrefix("column "), let colon = problem.firstIndex(of: ":") {
            return String(problem[problem.index(problem.startIndex, offsetBy: 7)..<colon])
        }
        if problem.hasPrefix("required field ") {
            return String(problem.dropFirst(15).prefix { $0 != " " })
        }
        return ""
    }
}
