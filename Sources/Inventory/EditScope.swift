import GeoCore
import GeoIO

/// Where an editor may change features (辖区负责): the city everywhere; a district only features
/// whose `district` is its code and whose geometry lies within its boundary — the features of the
/// project's `districts` layer with that code. A project without a boundary for the district
/// refuses every change of that district's editor, rather than letting it change anything
/// anywhere: the city office adds the boundary first.
struct EditScope {
    let editor: Editor
    private let district: String?
    private let boundary: PreparedGeometry?

    init(_ editor: Editor, in project: ProjectFile) throws {
        self.editor = editor
        guard case let .district(code) = editor.scope else {
            (district, boundary) = (nil, nil)
            return
        }
        district = code
        let outlines = try project.current(LayerSchema.named("districts"), where: "code = \(ProjectFile.quoted(code))")
            .features.compactMap(\.geometry).filter { !$0.isEmpty }
        boundary = outlines.isEmpty ? nil : try PreparedGeometry(Geometry.union(of: outlines))
    }

    /// Refuses, with `InventoryError.outOfScope`, a version of a feature (values in the schema's
    /// order, geometry in the project CRS) the editor may not hold: the old version of a change
    /// as well as the new one.
    func check(_ values: [AttributeValue], _ geometry: Geometry?, of schema: LayerSchema, code: String) throws {
        if let problem = problem(values, geometry, of: schema) {
            throw InventoryError.outOfScope(editor: editor.name, layer: schema.name, code: code, reason: problem.reason)
        }
    }

    /// Why the editor may not hold a version of a feature, and the field that says so (`district`
    /// or `geometry`); nil where it may.
    func problem(_ values: [AttributeValue], _ geometry: Geometry?, of schema: LayerSchema) -> (field: String, reason: String)? {
        guard let district else { return nil }
        let stated = schema.fieldNames.firstIndex(of: "district").map { values[$0] } ?? .null
        guard stated == .string(district) else {
            return ("district", stated == .null ? "it has no district, and \(editor.name) edits only district \(district)"
                    : "it is in district \(stated), and \(editor.name) edits only district \(district)")
        }
        guard let boundary else {
            return ("geometry", "the project has no boundary of district \(district) (no feature with code \(district) in its districts layer)")
        }
        guard let geometry, !geometry.isEmpty, boundary.covers(geometry) else {
            return ("geometry", "its geometry does not lie within the boundary of district \(district)")
        }
        return nil
    }
}
