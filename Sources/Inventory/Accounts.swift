import Foundation
import GeoCore
import GeoIO

/// Who may sign in to `habitat serve`, kept in the project beside its data (in a table of its own,
/// no layer: no collection, export or form shows it): a name, where the account may change things
/// (the city or one district), whether it is read-only or disabled, and its password's hash. The
/// hash is made and checked by the server (bcrypt); here it is opaque text.
public struct Account: Sendable, Equatable {
    public let name: String
    public let scope: Editor.Scope
    public let readOnly: Bool
    public let disabled: Bool
    /// Empty until a password is set: no password signs such an account in.
    public let passwordHash: String

    public var editor: Editor { Editor(name: name, scope: scope, readOnly: readOnly) }

    /// The scope as the table keeps it: `city`, or the district's code.
    var scopeText: String {
        switch scope {
        case .city: "city"
        case let .district(code): code
        }
    }
}

/// A password's hash as `Accounts.setPassword` takes it: bcrypt's (`$2b$12$` and 53 characters),
/// never a password's text, which is refused by its shape.
public struct PasswordHash: Sendable, Equatable {
    public let text: String

    public init?(_ text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        guard parts.count == 4, parts[0].isEmpty, ["2a", "2b", "2y"].contains(parts[1]),
              parts[2].count == 2, parts[2].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isNumber),
              parts[3].count == 53, parts[3].allSatisfy(alphabet.contains) else { return nil }
        self.text = text
    }
}

/// The accounts of a project and their sign-in sessions. A session is kept by its token's hash
/// only (the token itself leaves the server once, to the client), with the moment it expires.
public enum Accounts {
    static let table = "accounts"
    static let sessionTable = "sessions"
    static let fields = [Field("name", .string), Field("scope", .string), Field("read_only", .integer),
                         Field("disabled", .integer), Field("password_hash", .string), Field("created", .string)]
    static let sessionFields = [Field("token_hash", .string), Field("account", .string), Field("expires", .string),
                                Field("created", .string)]
    /// Long enough for any person's or office's name, short enough to show in a table.
    public static let maxName = 64

    /// Adds an account without a password (`setPassword` gives it one). `district` is a code or a
    /// county's name the programme knows (罗平县 → 530324), or one the project's districts list.
    public static func add(_ name: String, district: String?, readOnly: Bool, to location: String,
                           waiting: () -> Void = {}) throws -> Account {
        try checkName(name)
        let scope = try district.map { Editor.Scope.district(try code(of: $0, in: ProjectFile.open(location))) } ?? .city
        let account = Account(name: name, scope: scope, readOnly: readOnly, disabled: false, passwordHash: "")
        try ProjectFile.change(location, lock: table, waiting: waiting) { project in
            if !project.package.hasLayer(table) {
                try project.package.createLayer(table, crs: project.crs, content: .attributesOnly, fields: fields)
                try project.package.createLayer(sessionTable, crs: project.crs, content: .attributesOnly, fields: sessionFields)
            }
            guard try project.accounts().allSatisfy({ $0.name != name }) else { throw AccountError.exists(name) }
            try project.package.insert(Feature(values: [.string(name), .string(account.scopeText), .integer(readOnly ? 1 : 0),
                                                        .integer(0), .string(""), .string(Instant.string(Date()))], geometry: nil),
                                       into: table, fields: fields.map(\.name))
            // Logged, so that a running server sees the new tables (its open project is renewed
            // when the log changes); who signs in later is not logged.
            try project.record(.init(batch: try project.nextBatch(), kind: "account", layer: table, source: name, inserted: 1))
        }
        return account
    }

    /// Gives the account a new password hash; its sessions end (whoever held them signs in anew).
    public static func setPassword(_ hash: PasswordHash, for name: String, in location: String, waiting: () -> Void = {}) throws {
        try change(name, in: location, waiting: waiting) { values in values["password_hash"] = .string(hash.text) }
    }

    /// Disables the account: it signs in no more, and its sessions end.
    public static func disable(_ name: String, in location: String, waiting: () -> Void = {}) throws {
        try change(name, in: location, waiting: waiting) { values in values["disabled"] = .integer(1) }
    }

    /// Keeps a new session of the account `name`, by its token's hash, until `expires`; sessions
    /// already expired are dropped on the way, so the table holds only live ones.
    public static func startSession(tokenHash: String, for name: String, expires: Date, in location: String) throws {
        try ProjectFile.change(location, lock: sessionTable, waiting: {}) { project in
            guard project.package.hasLayer(sessionTable), try project.accounts().contains(where: { $0.name == name }) else {
                throw AccountError.noSuchAccount(name)
            }
            let now = Instant.string(Date())
            for fid in try project.package.read(sessionTable, where: "expires < \(ProjectFile.quoted(now))").features.compactMap(\.fid) {
                try project.package.delete(fid: fid, from: sessionTable)
            }
            try project.package.insert(Feature(values: [.string(tokenHash), .string(name), .string(Instant.string(expires)), .string(now)],
                                               geometry: nil), into: sessionTable, fields: sessionFields.map(\.name))
        }
    }

    /// Ends the session with this token hash, if there is one.
    public static func endSession(tokenHash: String, in location: String) throws {
        try ProjectFile.change(location, lock: sessionTable, waiting: {}) { project in
            guard project.package.hasLayer(sessionTable) else { return }
            for fid in try project.package.read(sessionTable, where: "token_hash = \(ProjectFile.quoted(tokenHash))").features.compactMap(\.fid) {
                try project.package.delete(fid: fid, from: sessionTable)
            }
        }
    }

    /// Refuses a name no one could type or read back: empty, too long, with control characters
    /// or spaces around it. Anything else (quotes, SQL, markup) is kept as written.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.count <= maxName, name.trimmingCharacters(in: .whitespaces) == name,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountError.badName(name, maxLength: maxName)
        }
    }

    /// The district code a value names: one the programme knows or the project's districts list.
    static func code(of value: String, in project: ProjectFile) throws -> String {
        let known = Set(Counties.names.keys).union(try project.countyNames().listed)
        guard let code = Counties.code(for: value), known.contains(code) else {
            throw AccountError.unknownDistrict(value, known: known.sorted())
        }
        return code
    }

    /// Changes the values of account `name` (by field name) and ends its sessions.
    private static func change(_ name: String, in location: String, waiting: () -> Void,
                               _ edit: (inout [String: AttributeValue]) -> Void) throws {
        try ProjectFile.change(location, lock: table, sessionTable, waiting: waiting) { project in
            guard project.package.hasLayer(table) else { throw AccountError.noSuchAccount(name) }
            let rows = try project.package.read(table).selecting(fields)
            guard let index = rows.features.indices.first(where: { rows.text("name", at: $0) == name }) else {
                throw AccountError.noSuchAccount(name)
            }
            var values = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, rows.value($0.name, at: index)) })
            edit(&values)
            var feature = rows.features[index]
            feature.values = fields.map { values[$0.name]! }
            try project.package.replace(feature, in: table, fields: fields.map(\.name))
            let sessions = try project.package.read(sessionTable)
            for fid in sessions.features.indices.filter({ sessions.text("account", at: $0) == name }).compactMap({ sessions.features[$0].fid }) {
                try project.package.delete(fid: fid, from: sessionTable)
            }
        }
    }
}

extension ProjectFile {
    /// The project's accounts, in the order they were added; none in a project without.
    public func accounts() throws -> [Account] {
        guard package.hasLayer(Accounts.table) else { return [] }
        let rows = try package.read(Accounts.table)
        return rows.features.indices.map { index in
            let scope = rows.value("scope", at: index).description
            return Account(name: rows.value("name", at: index).description, scope: scope == "city" ? .city : .district(scope),
                           readOnly: rows.value("read_only", at: index).doubleValue == 1,
                           disabled: rows.value("disabled", at: index).doubleValue == 1,
                           passwordHash: rows.value("password_hash", at: index).description)
        }
    }

    /// The account a live session with this token hash belongs to; nil when there is no such
    /// session, it has expired, or its account is disabled.
    public func signedIn(tokenHash: String, now: Date = Date()) throws -> Account? {
        guard package.hasLayer(Accounts.sessionTable) else { return nil }
        let sessions = try package.read(Accounts.sessionTable, where: "token_hash = \(ProjectFile.quoted(tokenHash))")
        guard let index = sessions.features.indices.first, let name = sessions.text("account", at: index),
              sessions.value("expires", at: index).description > Instant.string(now) else { return nil }
        return try accounts().first { $0.name == name && !$0.disabled }
    }
}
