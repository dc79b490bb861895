import Foundation
import GeoCore
import Inventory
import Testing
import TestSupport

/// The accounts and sessions a project keeps, in a GeoPackage and in PostGIS alike: a session is
/// found by its token's hash while it lives and its account is enabled; a new password or a
/// disabled account ends the account's sessions; the tables are no layers.
@Suite struct AccountsTests {
    @Test(arguments: TestStore.allCases) func sessionsLiveUntilTheyExpireOrTheirAccountChanges(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder("accounts-lib")
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = try store.newProject(in: folder)
        _ = try ProjectFile.create(location, crs: try CRS("EPSG:4544"), name: "曲靖")
        #expect(try ProjectFile.open(location).accounts().isEmpty)
        #expect(try ProjectFile.open(location).signedIn(tokenHash: "anything") == nil)

        let county = try Accounts.add("luoping", district: "罗平县", readOnly: false, to: location)
        #expect(county.scope == .district("530324"))
        _ = try Accounts.add("viewer", district: nil, readOnly: true, to: location)
        #expect(throws: AccountError.exists("luoping")) { try Accounts.add("luoping", district: nil, readOnly: false, to: location) }
        #expect(throws: AccountError.noSuchAccount("nobody")) {
            try Accounts.startSession(tokenHash: "h0", for: "nobody", expires: Date().addingTimeInterval(60), in: location)
        }

        let now = Date()
        try Accounts.startSession(tokenHash: "h1", for: "luoping", expires: now.addingTimeInterval(60), in: location)
        try Accounts.startSession(tokenHash: "h2", for: "viewer", expires: now.addingTimeInterval(60), in: location)
        try Accounts.startSession(tokenHash: "h3", for: "luoping", expires: now.addingTimeInterval(-1), in: location)
        var project = try ProjectFile.open(location)
        #expect(try project.signedIn(tokenHash: "h1")?.editor == Editor(name: "luoping", scope: .district("530324")))
        #expect(try project.signedIn(tokenHash: "h2")?.editor.canWrite == false)
        #expect(try project.signedIn(tokenHash: "h3") == nil)
        #expect(try project.signedIn(tokenHash: "h1", now: now.addingTimeInterval(61)) == nil)
        #expect(try project.signedIn(tokenHash: "' OR '1'='1") == nil)
        // No collection, export or form sees the tables.
        #expect(try !project.summaries().contains { ["accounts", "sessions"].contains($0.name) })

        let hash = "$2b$12$" + String(repeating: "./Aa09", count: 9).prefix(53)
        try Accounts.setPassword(try #require(PasswordHash(hash)), for: "luoping", in: location)
        project = try ProjectFile.open(location)
        #expect(try project.signedIn(tokenHash: "h1") == nil)
        #expect(try project.accounts().first { $0.name == "luoping" }?.passwordHash == hash)
        #expect(try project.accounts().first { $0.name == "luoping" }?.scope == .district("530324"))
        #expect(try project.signedIn(tokenHash: "h2") != nil)
        try Accounts.disable("viewer", in: location)
        project = try ProjectFile.open(location)
        #expect(try project.signedIn(tokenHash: "h2") == nil)
        #expect(try project.accounts().map(\.disabled) == [false, true])
        #expect(try project.accounts().map(\.readOnly) == [false, true])
        // A session of a disabled account made anyhow signs no one in either.
        try Accounts.startSession(tokenHash: "h4", for: "viewer", expires: now.addingTimeInterval(60), in: location)
        #expect(try ProjectFile.open(location).signedIn(tokenHash: "h4") == nil)
        try Accounts.endSession(tokenHash: "h4", in: location)
    }

    /// A password's text is no hash: what `setPassword` takes has bcrypt's shape.
    @Test func aPasswordIsNoHash() {
        let hash = "$2b$12$" + String(String(repeating: "./Aa09", count: 9).prefix(53))
        #expect(PasswordHash(hash)?.text == hash)
        for text in ["罗平-password-1", "", "$2b$12$opaque", "$2b$12$" + hash.dropFirst(7).dropLast() + "!",
                     "$2c$12$" + hash.dropFirst(7), "$2b$1x$" + hash.dropFirst(7), hash + "a"] {
            #expect(PasswordHash(text) == nil, "\(text)")
        }
    }
}
