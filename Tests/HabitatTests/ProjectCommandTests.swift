import Foundation
import Testing
import TestSupport

/// The project commands as a planner runs them, including the ways a run can be interrupted.
@Suite struct ProjectCommandTests {
    static let geodata = TestSupport.root.appendingPathComponent("geodata").path
    static let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

    @discardableResult
    func habitat(_ arguments: [String]) throws -> TestSupport.Run {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    func figures(_ run: TestSupport.Run) throws -> [Double] {
        let summary = try TestSupport.json(run.stdout)
        let rows = (summary["areas"] as? [[String: Any]] ?? []) + [summary["total"] as? [String: Any] ?? [:]]
        return rows.flatMap { [$0["residential_m2"] as? Double ?? -1, $0["covered_m2"] as? Double ?? -1] }
    }

    /// Every area's figures and the total's, row by row, to a relative 1e-9.
    func expectSame(_ ours: [Double], _ reference: [Double]) {
        #expect(ours.count == reference.count && ours.count > 2, "\(ours) vs \(reference)")
        for (a, b) in zip(ours, reference) { #expect(TestSupport.close(a, b, relative: 1e-9)) }
    }

    func sampleProject(in folder: URL, _ store: TestStore = .geoPackage) throws -> String {
        let path = try store.newProject(in: folder, name: "sample")
        try habitat(["init", path, "--crs", "EPSG:4544", "--name", "示例"])
        for (layer, file) in [("parks", "parks"), ("residential", "residential"), ("built_up_areas", "built_up")] {
            try habitat(["import", path, layer, "\(Self.geodata)/\(file).geojson"])
        }
        return path
    }

    /// The same figures from the project (a GeoPackage, or PostGIS) as from the loose files it was
    /// made from, and the old figures as of a moment before a change.
    @Test(arguments: TestStore.allCases) func coverageFromTheProjectMatchesTheLooseFilesNowAndAsOfBefore(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder, store)
        let loose = try habitat(["coverage", "--parks", "\(Self.geodata)/parks.geojson",
                                 "--residential", "\(Self.geodata)/residential.geojson",
                                 "--built-up", "\(Self.geodata)/built_up.geojson", "--format", "json"])
        let fromProject = try habitat(["coverage", project, "--format", "json", "--out", folder.appendingPathComponent("out").path])
        expectSame(try figures(fromProject), try figures(loose))

        let beforeChange = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                       formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        Thread.sleep(forTimeInterval: 0.01)
        // A third of the parks close.
        let exported = folder.appendingPathComponent("parks.geojson").path
        try habitat(["export", project, "parks", exported])
        let features = try #require(TestSupport.json(String(contentsOfFile: exported, encoding: .utf8))["features"] as? [[String: Any]])
        let codes = features.compactMap { ($0["properties"] as? [String: Any])?["code"] as? String }
        #expect(codes.count == 390)
        for code in codes.suffix(130) { try habitat(["delete", project, "parks", code]) }

        let now = try figures(habitat(["coverage", project, "--format", "json"]))
        let then = try figures(habitat(["coverage", project, "--format", "json", "--as-of", beforeChange]))
        #expect(now.last! < then.last!)
        expectSame(then, try figures(loose))
        guard store == .geoPackage else { return }
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, project])
        #expect(validation.status == 0 && validation.stdout.isEmpty, "\(validation.stdout)")
    }

    /// SIGKILL in the middle of an import's transaction, once SQLite has begun changing the file:
    /// the journal left beside it is "hot", and a read-only open cannot roll it back. Every command
    /// still opens the project, with what it held before.
    @Test func anImportKilledHalfWayLeavesThePreviousContent() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pristine = try sampleProject(in: folder)
        let project = folder.appendingPathComponent("kill.gpkg").path
        let journal = project + "-journal"
        try FileManager.default.copyItem(atPath: pristine, toPath: project)
        let exported = folder.appendingPathComponent("parks-before.geojson").path
        try habitat(["export", project, "parks", exported])
        let before = try ["layers", "history", "coverage"].map { command in
            try habitat(command == "layers" ? [command, project] : command == "history" ? [command, project, "parks"]
                        : [command, project, "--format", "json"]).stdout
        }

        // SQLite writes the journal's magic number once it has saved the pages it is about to change.
        let hotJournal = Data([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7])
        var killedMidway = false
        for _ in 0..<20 where !killedMidway {
            try? FileManager.default.removeItem(atPath: project)
            try FileManager.default.copyItem(atPath: pristine, toPath: project)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.habitat)
            process.arguments = ["import", project, "canopy", "\(Self.geodata)/canopy.geojson"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning {
                if let header = FileHandle(forReadingAtPath: journal).map({ file in defer { try? file.close() }; return file.readData(ofLength: 8) }),
                   header == hotJournal {
                    kill(process.processIdentifier, SIGKILL)
                    killedMidway = true
                    break
                }
            }
            process.waitUntilExit()
        }
        try #require(killedMidway, "the import finished before it could be killed")
        try #require(FileManager.default.fileExists(atPath: journal))

        // Reading commands first: each rolls the killed import back and reads what was there.
        #expect(try habitat(["layers", project]).stdout == before[0])
        #expect(!FileManager.default.fileExists(atPath: journal))
        #expect(try habitat(["history", project, "parks"]).stdout == before[1])
        #expect(try habitat(["coverage", project, "--format", "json"]).stdout == before[2])
        let again = folder.appendingPathComponent("parks-after.geojson").path
        try habitat(["export", project, "parks", again])
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: exported))
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, project])
        #expect(validation.status == 0 && validation.stdout.isEmpty, "\(validation.stdout)")
        // canopy.geojson holds 2600 features (counted with Python's json module); none landed before.
        #expect(try habitat(["import", project, "canopy", "\(Self.geodata)/canopy.geojson"]).stdout.contains("2600 inserted"))
    }

    /// Two `init`s of one path at once: exactly one makes the project, the other is told a file is
    /// already there, and the file is the one the first made. Repeated, so that the two runs overlap.
    @Test func twoInitsOfOnePathAtOnceMakeOneProject() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for attempt in 0..<8 {
            let project = folder.appendingPathComponent("race-\(attempt).gpkg").path
            let started = try ["甲", "乙"].map { name in try TestSupport.start(TestSupport.habitat, ["init", project, "--name", name]) }
            let runs = started.map { $0.finish() }
            let made = runs.indices.filter { runs[$0].status == 0 }
            try #require(made.count == 1, "attempt \(attempt): \(runs.map(\.stderr))")
            let refused = runs[1 - made[0]]
            #expect(refused.status == 1 && refused.stderr.contains("\(project): a file is already there"), "\(refused.stderr)")
            let name = try TestSupport.run("ogrinfo", ["-q", project, "-sql", "SELECT value FROM habitat_project WHERE key = 'name'"])
            #expect(name.stdout.contains("value (String) = \(["甲", "乙"][made[0]])"), "\(name.stdout)")
        }
        // Nothing left behind by the one that lost.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == (0..<8).map { "race-\($0).gpkg" }.sorted())
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, folder.appendingPathComponent("race-0.gpkg").path])
        #expect(validation.status == 0 && validation.stdout.isEmpty, "\(validation.stdout)")
    }

    /// Two imports into one file at once: the second waits for the first; both land, nothing breaks.
    @Test func twoImportsAtOnceRunOneAfterTheOther() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("both.gpkg").path
        try habitat(["init", project])
        let started = try [("residential", "residential"), ("parks", "parks")].map { layer, file in
            try TestSupport.start(TestSupport.habitat, ["import", project, layer, "\(Self.geodata)/\(file).geojson"])
        }
        let runs = started.map { $0.finish() }
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        #expect(runs[0].stdout.contains("2302 inserted") && runs[1].stdout.contains("390 inserted"))
        let validation = try TestSupport.run("/usr/bin/python3", [Self.validator, project])
        #expect(validation.status == 0 && validation.stdout.isEmpty, "\(validation.stdout)")
        let log = try habitat(["history", project, "parks"]).stdout
        #expect(log.split(separator: "\n").count == 390 + 2)
    }

    @Test func plansProgressAndFormsFromTheCommandLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try sampleProject(in: folder)
        let plans = TestSupport.root.appendingPathComponent("geodata/plans").path
        #expect(try habitat(["plan", "import", project, plans]).stdout.contains("42 county-year rows"))
        let progress = try habitat(["progress", project, "--month", "2018-03", "--format", "json"])
        #expect(try TestSupport.json(progress.stdout)["end"] as? String == "2018-03-25")
        let out = folder.appendingPathComponent("forms").path
        for form in ["greening", "factories", "residential", "villages"] {
            try habitat(["report", project, form, "--month", "2018-12", "--district", "530302", "--out", out])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 12)
        let greening = try String(contentsOfFile: "\(out)/greening.csv", encoding: .utf8)
        #expect(greening.contains("麒麟区") && !greening.contains("沾益区") && greening.contains("合计"))
        // A county by its name gives the same form as by its code.
        let byName = folder.appendingPathComponent("by-name").path
        try habitat(["report", project, "greening", "--month", "2018-12", "--district", "麒麟区", "--out", byName])
        #expect(try String(contentsOfFile: "\(byName)/greening.csv", encoding: .utf8) == greening)
        let byNameProgress = try habitat(["progress", project, "--month", "2018-03", "--district", "麒麟区", "--format", "json"])
        let lines = try #require(try TestSupport.json(byNameProgress.stdout)["lines"] as? [[String: Any]])
        #expect(!lines.isEmpty && lines.allSatisfy { $0["county"] as? String == "麒麟区" })
        // A county the project does not know is bad usage, and the message lists the ones it knows.
        for command in [["report", project, "greening", "--out", byName], ["progress", project]] {
            let unknown = try TestSupport.run(TestSupport.habitat, command + ["--month", "2018-12", "--district", "麒麟"])
            #expect(unknown.status == 2 && unknown.stderr.contains("no county '麒麟'") && unknown.stderr.contains("麒麟区 530302"),
                    "\(unknown.stderr)")
        }
        let badForm = try TestSupport.run(TestSupport.habitat, ["report", project, "budget", "--month", "2018-12", "--out", out])
        #expect(badForm.status == 2 && badForm.stderr.contains("greening"))
        let badMonth = try TestSupport.run(TestSupport.habitat, ["progress", project, "--month", "2018/12"])
        #expect(badMonth.status == 2 && badMonth.stderr.contains("YYYY-MM"))
    }

    @Test func badProjectUsageIsNamed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("p.gpkg").path
        try habitat(["init", project])
        let unknownLayer = try TestSupport.run(TestSupport.habitat, ["import", project, "lakes", "\(Self.geodata)/parks.geojson"])
        #expect(unknownLayer.status == 2 && unknownLayer.stderr.contains("lakes"))
        let again = try TestSupport.run(TestSupport.habitat, ["init", project])
        #expect(again.status == 1 && again.stderr.contains("already there"))
        let notProject = try TestSupport.run(TestSupport.habitat, ["layers", "\(Self.geodata)/parks.geojson"])
        #expect(notProject.status == 1 && notProject.stderr.contains("parks.geojson"))
        // A report month's date is no moment of this project's record: said, and nothing written.
        try habitat(["import", project, "parks", "\(Self.geodata)/parks.geojson"])
        let exported = folder.appendingPathComponent("parks-2018.geojson").path
        let before = try TestSupport.run(TestSupport.habitat, ["export", project, "parks", exported, "--as-of", "2018-03-25"])
        #expect(before.status == 1 && before.stderr.contains("held nothing yet") && !FileManager.default.fileExists(atPath: exported),
                "\(before.stderr)")
        let badDate = try TestSupport.run(TestSupport.habitat, ["coverage", project, "--as-of", "yesterday"])
        #expect(badDate.status == 2 && badDate.stderr.contains("yesterday"))
    }
}
