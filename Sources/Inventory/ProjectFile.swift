import Foundation
import GeoCore
import GeoIO

/// The programme's inventory: one GeoPackage that QGIS opens as it is, or one schema of a
/// PostgreSQL database with PostGIS (a `postgresql://` address, see `PostGISAddress`) that many
/// people and processes change at once. Both hold the same tables, read and written by the same code.
///
/// Each layer of `LayerSchema.all` is a table of its current features. Beside it,
/// `<layer>_history` keeps every version any feature ever had (valid from, valid to, kind of
/// change, import batch), so nothing is overwritten without keeping the old version and any read
/// can be made as of a past moment. `import_log` records every import and deletion;
/// `habitat_project` the project's name and CRS.
public final class ProjectFile {
    /// The project file, or the project's database address without its password.
    public let path: String
    public let name: String
    public let crs: CRS
    let package: FeatureStore

    static let metadataTable = "habitat_project"
    static let logTable = "import_log"
    /// In a database, where batch numbers come from: importers of different layers run at once.
    static let batchSequence = "habitat_batch"
    static let historyFields = [Field("valid_from", .string), Field("valid_to", .string),
                                Field("change", .string), Field("batch", .integer)]
    static let logFields = [Field("batch", .integer), Field("at", .string), Field("kind", .string),
                            Field("layer", .string), Field("source", .string), Field("inserted", .integer),
                            Field("updated", .integer), Field("unchanged", .integer), Field("rejected", .integer),
                            Field("deleted", .integer), Field("author", .string)]

    static func historyTable(_ layer: String) -> String { "\(layer)_history" }

    private init(package: FeatureStore) throws {
        let metadata = try package.read(Self.metadataTable)
        func value(_ key: String) -> String? {
            metadata.features.indices.first { metadata.value("key", at: $0) == .string(key) }
                .map { metadata.value("value", at: $0).description }
        }
        guard let crs = value("crs") else { throw InventoryError.notAProject(package.path) }
        self.path = package.path
        self.package = package
        self.crs = try CRS(crs)
        name = value("name") ?? ""
    }

    /// Makes a new project with every layer empty, in a file or a database schema (`location`).
    /// A file is built under a temporary name and moved into place when complete; a schema is
    /// filled in one transaction and dropped if that fails: a failure leaves nothing behind. Of
    /// two made at one place at once, one is refused.
    public static func create(_ location: String, crs: CRS, name: String) throws -> ProjectFile {
        try create(location, crs: crs, name: name, filling: { _ in })
    }

    /// Makes a new project, `fill` writing into it before it is complete.
    static func create(_ location: String, crs: CRS, name: String, filling fill: (ProjectFile) throws -> Void) throws -> ProjectFile {
        if let address = try PostGISAddress.parse(location) {
            let server = try PostGISStore.open(address)
            guard try !server.schemaExists else { throw InventoryError.exists(server.path) }
            guard crs.isProjectedInMetres else { throw InventoryError.notMetric(crs.description) }
            // OGR's driver makes its tables in a schema that was there when it connected: the
            // schema comes first, and goes again if filling it fails.
            do { try server.createSchema() } catch {
                throw try server.schemaExists ? InventoryError.exists(server.path) : error
            }
            do {
                let store = try PostGISStore.open(address)
                try store.transaction {
                    try store.execute("CREATE SEQUENCE \(batchSequence)")
                    try fill(makeLayers(in: store, crs: crs, name: name))
                }
            } catch {
                try? server.dropSchema()
                throw error
            }
            return try open(location)
        }
        let path = location
        guard !FileManager.default.fileExists(atPath: path) else { throw InventoryError.exists(path) }
        // Every analysis measures in the project CRS.
        guard crs.isProjectedInMetres else { throw InventoryError.notMetric(crs.description) }
        let building = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let package = try GeoPackage.create(building)
            try package.transaction { try fill(makeLayers(in: package, crs: crs, name: name)) }
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
        // A link, unlike a rename, refuses to replace a file that appeared there meanwhile.
        let linked = link(building, path) == 0
        let reason = errno
        try? FileManager.default.removeItem(atPath: building)
        guard linked else {
            throw reason == EEXIST ? InventoryError.exists(path)
                : GeoIOError.writeFailed(path, reason: String(cString: strerror(reason)))
        }
        return try open(path)
    }

    /// Makes every table of a project in an empty store, inside its transaction.
    private static func makeLayers(in package: FeatureStore, crs: CRS, name: String) throws -> ProjectFile {
        for schema in LayerSchema.all { try createTables(of: schema, in: package, crs: crs) }
        try package.createLayer(logTable, crs: crs, content: .attributesOnly, fields: logFields)
        try package.createLayer(metadataTable, crs: crs, content: .attributesOnly,
                                fields: [Field("key", .string), Field("value", .string)])
        try package.setDefaultStyles(LayerSchema.all.map(\.defaultStyle))
        for (key, value) in [("name", name), ("crs", crs.identifier ?? crs.definition),
                             ("created", Instant.string(Date())), ("format", "habitat project 1")] {
            try package.insert(Feature(values: [.string(key), .string(value)], geometry: nil), into: metadataTable)
        }
        // Complete from the start: a new project's first changes need no upgrade, which on a
        // database would have concurrent first importers racing to create the same tables.
        let project = try ProjectFile(package: package)
        try project.createFigureTables()
        return project
    }

    /// Opens a project for reading. In a file, a change whose process was killed is rolled back
    /// first, holding the project's lock: while another process holds it, the journal is that
    /// process's change under way, which SQLite lets a reader read past. (A database rolls back
    /// a cut-off transaction itself.)
    public static func open(_ location: String) throws -> ProjectFile {
        if !PostGISAddress.isAddress(location), GeoPackage.hasJournal(location), let lock = try ProjectLock(ifFree: location) {
            try withExtendedLifetime(lock) { try GeoPackage.rollBackUnfinishedChange(location) }
        }
        return try ProjectFile(package: try openStore(location, writable: false))
    }

    private static func openStore(_ location: String, writable: Bool) throws -> FeatureStore {
        let store: FeatureStore = try PostGISAddress.parse(location).map { try PostGISStore.open($0) }
            ?? GeoPackage.open(location, writable: writable)
        guard store.hasLayer(metadataTable) else { throw InventoryError.notAProject(store.path) }
        return store
    }

    /// Runs `body` on the project opened for changes, in one transaction: all of it lands or none
    /// of it. It holds the project's lock: a GeoPackage's whole file; in a database, the locks
    /// named `keys` (the layers changed), so that changes of one layer run one after the other and
    /// those of different layers at once; taken in one order, so that two changes never wait on each other. A project made by an earlier habitat is upgraded first,
    /// in the same transaction.
    static func change<T>(_ location: String, lock keys: String..., waiting: () -> Void,
                          _ body: (ProjectFile) throws -> T) throws -> T {
        let fileLock = PostGISAddress.isAddress(location) ? nil : try ProjectLock(location, waiting: waiting)
        defer { withExtendedLifetime(fileLock) {} }
        let project = try ProjectFile(package: try openStore(location, writable: true))
        return try project.package.transaction {
            if let store = project.package as? PostGISStore {
                for key in keys.sorted() { try store.lock(key, waiting: waiting) }
            }
            try project.upgrade()
            return try body(project)
        }
    }

    /// The layer's features as they are now.
    public func current(_ layer: String) throws -> FeatureLayer {
        try current(LayerSchema.named(layer))
    }

    /// The layer's features (those matching an OGR SQL `filter`), their values in the schema's
    /// order whatever the table's (an upgraded table has its added fields last; one not yet
    /// upgraded has them empty); with `onlyFields`, only those of the schema's fields; with
    /// `polygonsAsImported`, a polygon as it was imported rather than as stored (see `FeatureStore.read`).
    func current(_ schema: LayerSchema, where filter: String? = nil, onlyFields: Set<String>? = nil,
                 polygonsAsImported: Bool = false) throws -> FeatureLayer {
        guard package.hasLayer(schema.name) else { return emptyLayer(schema, onlyFields: onlyFields) }
        return try package.read(schema.name, where: filter, onlyFields: onlyFields, polygonsAsImported: polygonsAsImported)
            .selecting(schema.fields(onlyFields))
    }

    /// The layer as the inventory said at `instant` (see `Instant.parse`).
    /// Before the project's first recorded change it held nothing at all: that is refused, since
    /// it is nearly always a real-world date (a report month) taken for a moment of the record.
    public func asOf(_ layer: String, _ instant: String, onlyFields: Set<String>? = nil,
                     polygonsAsImported: Bool = false) throws -> FeatureLayer {
        let schema = try LayerSchema.named(layer)
        let filter = try versionsOpen(at: instant)
        guard package.hasLayer(layer) else { return emptyLayer(schema, onlyFields: onlyFields) }
        var versions = try package.read(Self.historyTable(layer), where: filter, onlyFields: onlyFields,
                                        polygonsAsImported: polygonsAsImported)
            .selecting(schema.fields(onlyFields))
        versions.name = layer
        return versions
    }

    /// The filter of a history table that keeps the versions current at `instant`. A moment
    /// before the first record is refused.
    func versionsOpen(at instant: String) throws -> String {
        let log = try importLog()
        let first = log.features.indices.map { log.value("at", at: $0).description }.min()
        if let first, instant < first { throw InventoryError.beforeFirstRecord(path, asOf: instant, first: first) }
        let moment = Self.quoted(instant)
        return "valid_from <= \(moment) AND (valid_to IS NULL OR valid_to > \(moment)) AND change <> 'delete'"
    }

    /// Every version of a layer's features (of one feature, given its code), oldest first.
    public func history(_ layer: String, code: String? = nil) throws -> FeatureLayer {
        let schema = try LayerSchema.named(layer)
        return try package.read(Self.historyTable(layer), where: code.map { "code = \(Self.quoted($0))" })
            .selecting(Self.versionFields(schema))
    }

    public func importLog() throws -> FeatureLayer { try package.read(Self.logTable) }

    /// What a layer a project made by an earlier habitat lacks holds until its first change adds it: nothing.
    func emptyLayer(_ schema: LayerSchema, onlyFields: Set<String>? = nil) -> FeatureLayer {
        FeatureLayer(source: path, name: schema.name, fields: schema.fields(onlyFields), coordinateSystem: .crs(crs))
    }

    /// The number and moment of a new batch of changes: one more than the last batch, and a
    /// moment after every one recorded so far.
    func nextBatch() throws -> (number: Int, at: String) {
        let log = try importLog()
        let at = Instant.next(after: log.features.indices.map { log.value("at", at: $0).description }.max())
        if let store = package as? PostGISStore {
            // Changes of other layers commit meanwhile: the database hands out the numbers.
            return (try store.count("SELECT nextval('\(Self.batchSequence)')"), at)
        }
        let last = log.features.indices.compactMap { log.value("batch", at: $0).doubleValue.map(Int.init) }.max() ?? 0
        return (last + 1, at)
    }

    /// One line of the import log.
    struct LogEntry {
        var batch: (number: Int, at: String)
        var kind: String
        var layer: String
        var source: String
        var inserted = 0, updated = 0, unchanged = 0, rejected = 0, deleted = 0
        /// Who made the change: an editor's name, or the user running habitat (`localAuthor`).
        var author = ProjectFile.localAuthor
    }

    /// Who changes a project from this machine's command line: the OS user's login name, or
    /// "cli" where the process has none (a container run without a user).
    public static var localAuthor: String {
        let name = ProcessInfo.processInfo.userName
        return name.isEmpty ? "cli" : name
    }

    /// Who made each batch of changes, from the import log; batches logged before habitat
    /// recorded authors have none.
    public func authors() throws -> [Int: String] {
        let log = try importLog()
        var authors: [Int: String] = [:]
        for index in log.features.indices {
            guard let batch = log.value("batch", at: index).doubleValue, case let .string(author) = log.value("author", at: index) else { continue }
            authors[Int(batch)] = author
        }
        return authors
    }

    func record(_ entry: LogEntry) throws {
        let counts = [entry.inserted, entry.updated, entry.unchanged, entry.rejected, entry.deleted]
        // Written by field name: an upgraded log has `author` wherever the upgrade added it.
        try package.insert(Feature(values: [.integer(Int64(entry.batch.number)), .string(entry.batch.at), .string(entry.kind),
                                            .string(entry.layer), .string(PostGISAddress.masked(entry.source))] + counts.map { .integer(Int64($0)) }
                                       + [.string(entry.author)],
                                   geometry: nil), into: Self.logTable, fields: Self.logFields.map(\.name))
    }

    /// A history row's fields: the feature's, then valid from, valid to, change and batch.
    static func versionFields(_ schema: LayerSchema) -> [Field] { schema.fields.map(\.field) + historyFields }

    /// Adds a version of a feature (its values in the schema's order) to the layer's history.
    /// Written by field name: an upgraded history table has the added fields after `batch`.
    func addVersion(of schema: LayerSchema, _ values: [AttributeValue], _ geometry: Geometry?, change: String,
                    batch: (number: Int, at: String)) throws {
        let version = Feature(values: values + [.string(batch.at), .null, .string(change), .integer(Int64(batch.number))],
                              geometry: geometry)
        try package.insert(version, into: Self.historyTable(schema.name), fields: Self.versionFields(schema).map(\.name))
    }

    /// Closes the open history version of `code` at `moment`.
    func closeOpenVersion(of code: String, in schema: LayerSchema, at moment: String) throws {
        let history = Self.historyTable(schema.name)
        let open = try package.read(history, where: "code = \(Self.quoted(code)) AND valid_to IS NULL")
        let validTo = open.fieldIndex("valid_to")!
        for var version in open.features {
            version.values[validTo] = .string(moment)
            try package.replace(version, in: history)
        }
    }

    /// An SQL string literal.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension ProjectFile {
    /// What `habitat layers` shows of one layer.
    public struct LayerSummary: Sendable {
        public let name: String
        public let title: String
        public let count: Int
        public let extent: Envelope?
        public let lastChange: String?
    }

    public func summaries() throws -> [LayerSummary] {
        try LayerSchema.all.filter { package.hasLayer($0.name) }.map { schema in
            let (count, extent) = try package.summary(schema.name)
            let history = try package.read(Self.historyTable(schema.name))
            let lastChange = history.features.indices.map { history.value("valid_from", at: $0).description }.max()
            return LayerSummary(name: schema.name, title: schema.title, count: count, extent: extent, lastChange: lastChange)
        }
    }
}

extension ProjectFile {
    /// Where the project's places are: its districts and built-up areas, widened by 10 km. Nil
    /// while it has neither.
    public func extent() throws -> Envelope? {
        let boxes = try ["districts", "built_up_areas"].compactMap { try package.summary($0).extent }
        return Envelope.union(of: boxes)?.expanded(by: 10_000)
    }
}

extension ProjectFile {
    /// A layer as it is now, or as the inventory said at `asOf`, in the project CRS.
    /// With `onlyFields`, only those of its fields are read; with `polygonsAsImported`, a polygon
    /// as it was imported rather than as the table stores it (a multi-polygon of one).
    public func layer(_ name: String, asOf instant: String? = nil, onlyFields: Set<String>? = nil,
                      polygonsAsImported: Bool = false) throws -> FeatureLayer {
        var layer = try instant.map { try asOf(name, $0, onlyFields: onlyFields, polygonsAsImported: polygonsAsImported) }
            ?? current(LayerSchema.named(name), onlyFields: onlyFields, polygonsAsImported: polygonsAsImported)
        layer.coordinateSystem = .crs(crs)
        return layer
    }

    /// Exports go anywhere but onto the project file itself.
    func refuseOverwriting(_ path: String) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        guard target != URL(fileURLWithPath: self.path).standardizedFileURL.resolvingSymlinksInPath() else {
            throw InventoryError.overwritesProject(path)
        }
    }
}

private extension LayerSchema {
    /// The schema's fields, in its order; only those named, where some are.
    func fields(_ only: Set<String>?) -> [Field] {
        fields.map(\.field).filter { only?.contains($0.name) ?? true }
    }
}
