import Foundation
import Testing
import TestSupport

/// The project commands on a project in PostGIS: where the password comes from, what is said when
/// the database is not what a project needs, and `habitat copy`.
@Suite struct PostGISCommandTests {
    static let geodata = TestSupport.root.appendingPathComponent("geodata").path

    @discardableResult
    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// The test server over TCP, as a person elsewhere reaches it: the password is required.
    func overTCP(user: String = "habitat", password: String? = nil, schema: String) throws -> String {
        let port = try #require(ProcessInfo.processInfo.environment["HABITAT_TEST_POSTGRES_PORT"], "run under tools/with-postgres.sh")
        return "postgresql://\(user)\(password.map { ":\($0)" } ?? "")@127.0.0.1:\(port)/habitat_test?schema=\(schema)"
    }

    /// An unreachable server, a wrong password, a database without PostGIS, a schema that is no
    /// project: one line each, exit 1, and the password never shown.
    @Test func aDatabaseThatCannotServeIsNamedInOneLine() throws {
        _ = try TestSupport.postgresDatabase()
        let secret = "Zq-" + UUID().uuidString.prefix(8)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try TestSupport.psql("CREATE SCHEMA \(schema); CREATE TABLE \(schema).parks (id integer)")
        let cases = [
            // Nothing listens on port 1 of this machine.
            ("postgresql://habitat:\(secret)@127.0.0.1:1/habitat_test?schema=qujing", "cannot connect: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"),
            (try overTCP(password: secret, schema: "qujing"), "password authentication failed for user \"habitat\""),
            (try TestSupport.postgresDatabase("HABITAT_TEST_POSTGRES_BARE") + "?schema=qujing", "the database has no PostGIS; its owner adds it with CREATE EXTENSION postgis"),
            (try TestSupport.postgresDatabase() + "?schema=\(schema)", "not a habitat project (make one with habitat init)"),
        ]
        for (address, reason) in cases {
            for arguments in [["layers", address], ["import", address, "parks", "\(Self.geodata)/parks.geojson"], ["coverage", address]] {
                let run = try TestSupport.run(TestSupport.habitat, arguments)
                let lines = run.stderr.split(separator: "\n").map(String.init)
                #expect(run.status == 1 && lines.count == 1 && run.stdout.isEmpty, "\(arguments): \(run.stderr)")
                #expect(lines.first?.hasPrefix("habitat: error: postgresql://") == true && run.stderr.contains(reason), "\(run.stderr)")
                #expect(!run.stderr.contains(secret))
            }
        }
        // A schema already there is no place for a new project.
        let refused = try TestSupport.run(TestSupport.habitat, ["init", cases[3].0])
        #expect(refused.status == 1 && refused.stderr.contains("schema=\(schema): that schema is already there"), "\(refused.stderr)")
        #expect(try TestSupport.psql("SELECT count(*) FROM pg_tables WHERE schemaname = '\(schema)'") == "1")
    }

    /// The password from the address, from PGPASSWORD, or from ~/.pgpass; none, and the server says so.
    /// The import log keeps the source, never the password.
    @Test func thePasswordComesFromTheAddressPGPASSWORDOrPgpass() throws {
        let password = try #require(ProcessInfo.processInfo.environment["HABITAT_TEST_POSTGRES_PASSWORD"], "run under tools/with-postgres.sh")
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let address = try overTCP(schema: schema)
        func habitat(_ environment: [String], _ arguments: [String]) throws -> TestSupport.Run {
            try TestSupport.run("/usr/bin/env", ["-u", "PGPASSWORD", "HOME=\(folder.path)"] + environment + [TestSupport.habitat] + arguments)
        }
        let none = try habitat([], ["init", address])
        #expect(none.status == 1 && none.stderr.contains("no password supplied"), "\(none.stderr)")
        let made = try habitat(["PGPASSWORD=\(password)"], ["init", address, "--name", "曲靖"])
        #expect(made.status == 0 && !made.stdout.contains(password), "\(made.stderr)")

        let pgpass = folder.appendingPathComponent(".pgpass").path
        let port = try #require(ProcessInfo.processInfo.environment["HABITAT_TEST_POSTGRES_PORT"])
        try TestSupport.write("127.0.0.1:\(port):habitat_test:habitat:\(password)\n", to: ".pgpass", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass)
        let fromFile = try habitat([], ["import", address, "parks", "\(Self.geodata)/parks.geojson"])
        #expect(fromFile.status == 0 && fromFile.stdout.contains("390 inserted"), "\(fromFile.stderr)")

        try FileManager.default.removeItem(atPath: pgpass)
        let inAddress = try overTCP(password: password, schema: schema)
        let plan = try habitat([], ["plan", "import", inAddress, "\(Self.geodata)/plans"])
        #expect(plan.status == 0 && !plan.stdout.contains(password) && !plan.stderr.contains(password), "\(plan.stderr)")
        let history = try habitat([], ["history", inAddress, "parks"])
        #expect(history.status == 0 && !history.stdout.contains(password))
        #expect(try TestSupport.psql("SELECT count(*) FROM \(schema).import_log WHERE source LIKE '%\(password)%'") == "0")
    }

    /// `habitat copy` both ways: the same layers, history and figures from the copy in PostGIS and
    /// from the GeoPackage copied back.
    @Test func copyBetweenAGeoPackageAndPostGISBothWays() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try TestSupport.sampleProject(in: folder, layers: [("parks", "parks"), ("residential", "residential"),
                                                                          ("built_up_areas", "built_up")])
        try habitat(["plan", "import", original, "\(Self.geodata)/plans"])
        // The features of the three sources, as GDAL counts them.
        let features = try ["parks", "residential", "built_up"].map { file in
            let info = try TestSupport.run("ogrinfo", ["-so", "-al", "\(Self.geodata)/\(file).geojson"]).stdout
            return try #require(info.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }.flatMap { Int($0.dropFirst(15)) })
        }.reduce(0, +)
        let database = try TestSupport.postgresProject()
        let there = try habitat(["copy", original, database])
        #expect(there.stdout.contains("a copy of \(original) — \(features) features, \(features) history rows, 4 import log lines"), "\(there.stdout)")
        let back = folder.appendingPathComponent("back.gpkg").path
        try habitat(["copy", database, back])
        for arguments in [["history", "{}", "parks"], ["coverage", "{}", "--format", "json"], ["progress", "{}", "--month", "2018-12", "--format", "json"]] {
            let outputs = try [original, database, back].map { project in
                try habitat(arguments.map { $0 == "{}" ? project : $0 }).stdout
            }
            #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0], "\(arguments)")
        }
        let again = try TestSupport.run(TestSupport.habitat, ["copy", original, database])
        #expect(again.status == 1 && again.stderr.contains("that schema is already there"))
    }
}

extension PostGISCommandTests {
    /// Two `init`s of one schema at once: exactly one makes the project, the other is told the
    /// schema is already there. Repeated, so that the two runs overlap.
    @Test func twoInitsOfOneSchemaAtOnceMakeOneProject() throws {
        for attempt in 0..<4 {
            let project = try TestSupport.postgresProject()
            let started = try ["甲", "乙"].map { name in try TestSupport.start(TestSupport.habitat, ["init", project, "--name", name]) }
            let runs = started.map { $0.finish() }
            let made = runs.indices.filter { runs[$0].status == 0 }
            try #require(made.count == 1, "attempt \(attempt): \(runs.map(\.stderr))")
            let refused = runs[1 - made[0]]
            #expect(refused.status == 1 && refused.stderr == "habitat: error: \(project): that schema is already there\n", "\(refused.stderr)")
            let name = try TestSupport.psql("SELECT value FROM \(TestSupport.schema(of: project)).habitat_project WHERE key = 'name'")
            #expect(name == ["甲", "乙"][made[0]])
        }
    }
}
