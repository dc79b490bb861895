import GeoCore
import GeoIO

/// The phone numbers left with public reports (`habitat serve --public-reports`), kept in a table
/// of their own: it is no layer, so no collection, export or form ever shows it.
public enum ReportContacts {
    static let table = "report_contacts"

    /// Keeps `phone` for the incident `code`, in one change of the project at `location`.
    public static func keep(phone: String, for code: String, in location: String) throws {
        try ProjectFile.change(location, lock: table, waiting: {}) { project in
            let fields = [Field("code", .string), Field("phone", .string)]
            if !project.package.hasLayer(table) {
                try project.package.createLayer(table, crs: project.crs, content: .attributesOnly, fields: fields)
            }
            _ = try project.package.insert(Feature(values: [.string(code), .string(phone)], geometry: nil), into: table)
        }
    }

    /// The phone left with the incident `code`, if any (for the people who handle the case).
    public static func phone(for code: String, in project: ProjectFile) throws -> String? {
        guard project.package.hasLayer(table) else { return nil }
        let rows = try project.package.read(table, where: "code = \(ProjectFile.quoted(code))")
        return rows.features.indices.first.flatMap { rows.text("phone", at: $0) }
    }
}
