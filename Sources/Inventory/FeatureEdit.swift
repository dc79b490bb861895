import GeoCore
import GeoIO

/// What one edit of one feature did: its batch in the import log, and the feature before and
/// after (values in the layer schema's order, geometry in the project CRS; nil where it was not).
public struct FeatureEdit: Sendable {
    public enum Change: String, Sendable { case insert, update, delete, unchanged }

    public let batch: Int
    public let layer: String
    public let code: String
    public let change: Change
    public let before: Feature?
    public let after: Feature?
}

/// Edits of one feature by an `Editor` (the server's OGC API – Features Part 4): each checked
/// exactly as an import checks its features (`ImportValidation`), refused outside the editor's
/// scope (`EditScope`: the old version and the new must both be in it), and landed as one batch
/// of the import log with the editor as author, history versions closed and opened as an import's.
/// A refusal changes nothing.
extension ProjectFile {
    /// Adds a feature: its properties by field name, its geometry in `system` (the project CRS
    /// where nil). Without a code it gets one as an import gives it; a district editor's feature
    /// without a district is in the editor's.
    public static func create(_ location: String, layer: String, properties: [String: AttributeValue], geometry: Geometry?,
                              in system: CoordinateSystem? = nil, by editor: Editor, waiting: () -> Void = {}) throws -> FeatureEdit {
        try edit(location, layer: layer, by: editor, waiting: waiting) { project, schema in
            let values = try schema.fieldNames.map { _ in AttributeValue.null }.merging(properties, of: schema)
            return (nil, values, geometry, system)
        }
    }

    /// Replaces the feature with `code` by the one given: properties not given are empty.
    public static func replace(_ location: String, layer: String, code: String, properties: [String: AttributeValue], geometry: Geometry?,
                               in system: CoordinateSystem? = nil, by editor: Editor, waiting: () -> Void = {}) throws -> FeatureEdit {
        try edit(location, layer: layer, by: editor, waiting: waiting) { project, schema in
            let existing = try project.feature(code, of: schema)
            var values = try schema.fieldNames.map { _ in AttributeValue.null }.merging(properties, of: schema)
            values[0] = .string(code)
            return (existing, values, geometry, system)
        }
    }

    /// Changes the properties given of the feature with `code`, and its geometry if one is given.
    public static func update(_ location: String, layer: String, code: String, properties: [String: AttributeValue], geometry: Geometry?,
                              in system: CoordinateSystem? = nil, by editor: Editor, waiting: () -> Void = {}) throws -> FeatureEdit {
        try edit(location, layer: layer, by: editor, waiting: waiting) { project, schema in
            let existing = try project.feature(code, of: schema)
            var values = try existing.values.merging(properties, of: schema)
            values[0] = .string(code)
            return geometry == nil ? (existing, values, existing.geometry, .crs(project.crs)) : (existing, values, geometry, system)
        }
    }

    /// Removes the feature with `code`, its history kept as `delete(_:layer:code:)` keeps it.
    public static func delete(_ location: String, layer: String, code: String, by editor: Editor,
                              waiting: () -> Void = {}) throws -> FeatureEdit {
        let schema = try LayerSchema.named(layer)
        return try change(location, lock: layer, waiting: waiting) { project in
            let existing = try project.feature(code, of: schema)
            try EditScope(editor, in: project).check(existing.values, existing.geometry, of: schema, code: code)
            let batch = try project.remove(existing, of: schema, author: editor.name)
            return FeatureEdit(batch: batch, layer: layer, code: code, change: .delete, before: existing, after: nil)
        }
    }

    /// The feature with `code` as it is now.
    func feature(_ code: String, of schema: LayerSchema) throws -> Feature {
        guard let feature = try current(schema, where: "code = \(Self.quoted(code))").features.first else {
            throw InventoryError.noSuchFeature(layer: schema.name, code: code)
        }
        return feature
    }

    /// One edit, in the project's transaction holding the layer's lock: `propose` gives the
    /// feature as it was (nil for a new one) and its new values and geometry, which are checked as
    /// an import's, then against the editor's scope, then written.
    private static func edit(_ location: String, layer: String, by editor: Editor, waiting: () -> Void,
                             _ propose: (ProjectFile, LayerSchema) throws -> (Feature?, [AttributeValue], Geometry?, CoordinateSystem?))
        throws -> FeatureEdit {
        let schema = try LayerSchema.named(layer)
        return try change(location, lock: layer, waiting: waiting) { project in
            let (existing, proposed, geometry, system) = try propose(project, schema)
            let source = "edit by \(editor.name)"
            let given = FeatureLayer(source: source, name: layer, fields: schema.fields.map(\.field),
                                     features: [Feature(values: proposed, geometry: geometry)],
                                     coordinateSystem: geometry == nil ? nil : system ?? .crs(project.crs))
            var importer = Importer(layer: layer, source: source)
            importer.sourceName = source
            importer.ownDistrict = editor.ownDistrict
            importer.author = editor.name
            var validation = try importer.validation(of: schema, in: project)
            validation.given = given
            let checked = try validation.check()
            let problems = checked.problems + checked.candidates.flatMap { candidate in
                candidate.problems.map { "\(candidate.description): \($0)" }
            }
            guard problems.isEmpty, let candidate = checked.candidates.first else {
                throw InventoryError.rejected(source, problems: problems.isEmpty ? ["the feature has neither values nor a geometry"] : problems)
            }
            // Landed as an import lands it (`Importer.apply`): a new feature lying exactly where
            // one lies, its derived code changed with its name, is that feature renamed.
            let current = try project.current(schema)
            let landing = Importer.resolvingRenames([candidate], current: current)[0]
            var before = existing
            if existing == nil, let stored = current.features.first(where: { $0.values[0].description == landing.code }) {
                // The code given, or derived from its name and place, is another feature's; or the feature is that one renamed.
                guard landing.code != candidate.code else { throw InventoryError.codeTaken(layer: layer, code: candidate.code) }
                before = stored
            }
            let scope = try EditScope(editor, in: project)
            if let before { try scope.check(before.values, before.geometry, of: schema, code: landing.code) }
            try scope.check(landing.values, landing.geometry, of: schema, code: landing.code)
            let summary = try importer.apply([landing], rejected: 0, schema: schema, to: project, kind: "edit")
            let change: FeatureEdit.Change = summary.inserted == 1 ? .insert : summary.updated == 1 ? .update : .unchanged
            return FeatureEdit(batch: summary.batch, layer: layer, code: landing.code, change: change, before: before,
                               after: try project.feature(landing.code, of: schema))
        }
    }
}

extension [AttributeValue] {
    /// The values (in the schema's order) with the given properties, by field name, put in;
    /// a name the layer lacks is refused.
    fileprivate func merging(_ properties: [String: AttributeValue], of schema: LayerSchema) throws -> [AttributeValue] {
        var values = self
        for (name, value) in properties {
            guard let index = schema.fieldNames.firstIndex(of: name) else {
                throw InventoryError.unknownField(name, layer: schema.name, fields: schema.fieldNames)
            }
            values[index] = value
        }
        return values
    }
}
