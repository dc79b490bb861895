import CGDAL
import Foundation

/// Where a project kept in PostgreSQL is:
/// `postgresql://[user[:password]@][host][:port]/dbname[?schema=NAME]`, one schema per project
/// (`habitat` unless named). Other query parameters (`sslmode`, `host` for a socket folder, …) go
/// to libpq as they are. A password not in the address comes from PGPASSWORD or ~/.pgpass, as
/// libpq finds it. Described, the address never shows the password.
public struct PostGISAddress: Sendable, Equatable, CustomStringConvertible {
    public var user: String?
    var password: String?
    public var host: String?
    public var port: String?
    public var database: String
    public var schema: String
    /// Further libpq connection parameters, by name.
    public var parameters: [String: String]

    public static let defaultSchema = "habitat"

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The address `text` names; nil when it names a file instead.
    public static func parse(_ text: String) throws -> PostGISAddress? {
        guard isAddress(text) else { return nil }
        var rest = Substring(text.drop { $0 != ":" }.dropFirst(3))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        let database = rest[slash...].dropFirst()
        var user: String?, password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = parts[0].removingPercentEncoding
            password = parts.count > 1 ? parts[1].removingPercentEncoding : nil
        }
        var host = authority, port: Substring?
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        var address = PostGISAddress(user: user.flatMap { $0.isEmpty ? nil : $0 }, password: password,
                                     host: host.isEmpty ? nil : host.removingPercentEncoding,
                                     port: port.flatMap { $0.isEmpty ? nil : String($0) },
                                     database: database.removingPercentEncoding ?? "", schema: defaultSchema, parameters: [:])
        for item in query.split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            guard pair.count == 2 else { throw GeoIOError.database(address.description, problem: "'\(item)' is not NAME=VALUE") }
            switch pair[0] {
            case "schema": address.schema = pair[1]
            case "password": address.password = pair[1]
            // A libpq keyword: letters and _ only, so that no name can carry a setting of its own.
            case let name where name.range(of: "^[a-z_]+$", options: .regularExpression) != nil: address.parameters[name] = pair[1]
            default: throw GeoIOError.database(address.description, problem: "'\(pair[0])' is not a connection parameter's name")
            }
        }
        guard !address.database.isEmpty else {
            throw GeoIOError.database(address.description, problem: "no database named; write postgresql://[user@][host][:port]/DBNAME[?schema=NAME]")
        }
        // Unquoted in SQL as it is, and the same name whatever the case it was typed in.
        guard address.schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw GeoIOError.database(address.description, problem: "schema '\(address.schema)': a project's schema is named in lower-case letters, digits and _")
        }
        return address
    }

    /// The address as a URI, its password shown as ***.
    public var description: String {
        func escaped(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(.init(charactersIn: ":@/"))) ?? text }
        let credentials = user.map { escaped($0) + (password == nil ? "" : ":***") + "@" } ?? (password == nil ? "" : ":***@")
        let location = (host.map(escaped) ?? "") + (port.map { ":" + $0 } ?? "")
        let extra = parameters.keys.sorted().map { "&\($0)=\(parameters[$0]!)" }.joined()
        return "postgresql://\(credentials)\(location)/\(escaped(database))?schema=\(schema)\(extra)"
    }

    /// `text` with the password of any PostgreSQL address in it masked.
    public static func masked(_ text: String) -> String {
        guard let address = try? parse(text) else { return text }
        return address.description
    }

    /// The same database, another schema.
    public func withSchema(_ schema: String) -> PostGISAddress {
        var address = self
        address.schema = schema
        return address
    }

    /// The connection string of OGR's PostgreSQL driver: libpq's parameters, then the driver's
    /// own, which confine it to the project's schema and make new tables there.
    var connection: String {
        func quoted(_ value: String) -> String {
            "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        let libpq = [("dbname", database), ("host", host), ("port", port), ("user", user), ("password", password)]
            .compactMap { key, value in value.map { (key, $0) } } + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return "PG:" + libpq.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: " ") + " schemas=\(schema) active_schema=\(schema)"
    }

    /// `message` with the password, should a message repeat it, masked.
    func masking(_ message: String) -> String {
        guard let password, !password.isEmpty else { return message }
        return message.replacingOccurrences(of: password, with: "***")
    }
}

/// A project's schema in a PostgreSQL database with PostGIS, reached through OGR's PostgreSQL
/// driver. Where a GeoPackage is changed under a file lock, a change here holds an advisory lock
/// of PostgreSQL for the length of its transaction.
public final class PostGISStore: FeatureStore {
    public let address: PostGISAddress

    private init(address: PostGISAddress, dataset: GDALDatasetH) {
        self.address = address
        super.init(path: address.description, dataset: dataset)
    }

    override func layerOptions(_ content: Content) -> [String] {
        content == .attributesOnly ? ["FID=fid"] : ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST"]
    }

    override public var tableSchema: String { address.schema }

    /// New rows stream to the server (COPY) rather than an INSERT each: a few times faster for an
    /// import. A row the server refuses then fails the transaction when the stream ends.
    private static let streaming: Void = CPLSetConfigOption("PG_USE_COPY", "YES")

    /// libpq's messages span lines, and the driver adds the statement it ran, data and all: one
    /// line, without the statement.
    override var lastError: String { Self.oneLine(GDAL.lastError, of: address) }

    static func oneLine(_ message: String, of address: PostGISAddress) -> String {
        let text = address.masking(message.components(separatedBy: "Command:")[0].replacingOccurrences(of: "PQconnectdb failed.", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " "))
        guard text.contains("server closed the connection") || text.contains("no connection to the server") else { return text }
        return "the connection to the server was lost, and the server rolls back a change not committed (\(text))"
    }

    /// Connects to the database, for reading and changes; fails with one line saying why when the
    /// server cannot be reached, refuses the login, or the database lacks PostGIS.
    public static func open(_ address: PostGISAddress) throws -> PostGISStore {
        GDAL.ready
        streaming
        CPLErrorReset()
        // Tables without geometry (the import log, the plans) are layers too.
        let dataset = GDAL.withStringList(["PostgreSQL"]) { drivers in
            GDAL.withStringList(["LIST_ALL_TABLES=YES"]) { options in
                GDALOpenEx(address.connection, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), UnsafePointer(OpaquePointer(drivers)),
                           UnsafePointer(OpaquePointer(options)), nil)
            }
        }
        guard let dataset else {
            throw GeoIOError.database(address.description, problem: "cannot connect: \(oneLine(GDAL.lastError, of: address))")
        }
        let store = PostGISStore(address: address, dataset: dataset)
        guard try store.count("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") > 0 else {
            throw GeoIOError.database(address.description, problem: "the database has no PostGIS; its owner adds it with CREATE EXTENSION postgis")
        }
        // Filters quote text by doubling ' alone, which holds only while a backslash is an ordinary character.
        guard try store.count("SELECT (current_setting('standard_conforming_strings') = 'on')::int") == 1 else {
            throw GeoIOError.database(address.description, problem: "the server has standard_conforming_strings off; habitat needs it on (the default)")
        }
        return store
    }

    /// Whether the project's schema is there (empty or not).
    public var schemaExists: Bool {
        get throws { try count("SELECT count(*) FROM pg_namespace WHERE nspname = '\(address.schema)'") > 0 }
    }

    /// Makes the project's schema; of two connections making it at once, one fails.
    public func createSchema() throws { try execute("CREATE SCHEMA \(address.schema)") }

    /// Removes the project's schema and everything in it.
    public func dropSchema() throws { try execute("DROP SCHEMA \(address.schema) CASCADE") }

    /// Takes the lock named `key` in this schema for the rest of the transaction, calling `waiting`
    /// once first if another connection holds it.
    public func lock(_ key: String, waiting: () -> Void) throws {
        let lock = "hashtext('\(address.schema)'), hashtext('\(key.replacingOccurrences(of: "'", with: "''"))')"
        if try count("SELECT pg_try_advisory_xact_lock(\(lock))::int") == 0 {
            waiting()
            _ = try count("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(\(lock))) AS taken")
        }
    }

    /// The one number an SQL query returns.
    public func count(_ sql: String) throws -> Int {
        let rows = try query(sql)
        guard let first = rows.features.first?.values.first, let number = first.doubleValue else {
            throw GeoIOError.database(path, problem: "\(sql): no number returned")
        }
        return Int(number)
    }
}
