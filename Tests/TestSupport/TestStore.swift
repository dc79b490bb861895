import Foundation

/// Where a test keeps its project: a GeoPackage file, or a schema of its own in the PostgreSQL
/// database that `tools/with-postgres.sh` starts for the run (`make test` runs the tests in it).
public enum TestStore: String, CaseIterable, Sendable, CustomStringConvertible {
    case geoPackage, postGIS

    public var description: String { rawValue }

    /// Where a new project goes (nothing is there yet): `name`.gpkg in `folder`, or a new schema.
    public func newProject(in folder: URL, name: String = "qujing") throws -> String {
        switch self {
        case .geoPackage: folder.appendingPathComponent("\(name).gpkg").path
        case .postGIS: try TestSupport.postgresProject()
        }
    }
}

extension TestSupport {
    /// The test database (with PostGIS), as `tools/with-postgres.sh` exports it.
    public static func postgresDatabase(_ variable: String = "HABITAT_TEST_POSTGRES") throws -> String {
        guard let uri = ProcessInfo.processInfo.environment[variable], !uri.isEmpty else { throw PostgresMissing(variable: variable) }
        return uri
    }

    /// The address of a new project in a schema no other test uses.
    public static func postgresProject() throws -> String {
        try postgresDatabase() + "?schema=t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    /// Runs SQL in the test database with psql; fails unless psql does.
    @discardableResult
    public static func psql(_ sql: String, database variable: String = "HABITAT_TEST_POSTGRES") throws -> String {
        let run = try run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", try postgresDatabase(variable), "-c", sql])
        guard run.status == 0 else { throw CommandFailed(arguments: ["psql", sql], stderr: run.stderr) }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The schema a project address names.
    public static func schema(of address: String) -> String {
        address.components(separatedBy: "schema=").last ?? ""
    }

    public struct PostgresMissing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: these tests need PostgreSQL with PostGIS; run them as "
                + "`tools/with-postgres.sh swift test …` (make test does), which starts a throwaway server"
        }
    }
}
