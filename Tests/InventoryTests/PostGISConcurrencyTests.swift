import Foundation
import Testing
import GeoCore
@testable import GeoIO
import TestSupport
@testable import Inventory

/// Many `habitat` processes changing one project in PostGIS at once, and imports cut off half-way.
@Suite struct PostGISConcurrencyTests {
    /// `count` squares of 50 m or so near Qujing, one per code, in rows of 25 from (`x`, `y`).
    static func squares(_ codes: [String], x: Double = 103.70, y: Double) -> String {
        let features = codes.enumerated().map { index, code in
            let left = x + Double(index % 25) * 0.001, bottom = y + Double(index / 25) * 0.001
            let ring = [(left, bottom), (left + 0.0005, bottom), (left + 0.0005, bottom + 0.0005), (left, bottom + 0.0005), (left, bottom)]
                .map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
            return #"{"type": "Feature", "properties": {"code": "\#(code)", "name": "地块\#(code)", "class": "G2"}, "#
                + #""geometry": {"type": "Polygon", "coordinates": [[\#(ring)]]}}"#
        }
        return #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
    }

    /// Four sources of parks, each with 250 parks of its own and the same 50 shared ones, and four
    /// sources of 300 features for four other layers. The parks' files have one name, in four
    /// folders: a shared park records the file it came from, whichever import came first.
    static func sources(in folder: URL) throws -> [(layer: String, file: String)] {
        let shared = (0..<50).map { "PS-\($0)" }
        let parks = try (0..<4).map { source in
            let subfolder = folder.appendingPathComponent("\(source)")
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            return ("parks", try TestSupport.write(squares((0..<250).map { "P\(source)-\($0)" }, y: 25.40 + Double(source) * 0.02)
                                                   .replacingOccurrences(of: "]]}}]}", with: "]]}},")
                                                   + squares(shared, y: 25.60).dropFirst(#"{"type": "FeatureCollection", "features": ["#.count),
                                                   to: "parks.geojson", in: subfolder))
        }
        let others = try ["green_spaces", "canopy", "residential", "districts"].enumerated().map { index, layer in
            (layer, try TestSupport.write(squares((0..<300).map { "\(layer)-\($0)" }, y: 25.70 + Double(index) * 0.02), to: "\(layer).geojson", in: folder))
        }
        return parks + others
    }

    static let layers = ["parks", "green_spaces", "canopy", "residential", "districts"]

    /// What a layer holds and what its history says, whatever the order and moments of the batches:
    /// each feature's values and geometry; each version's values, geometry and kind of change.
    static func state(of path: String) throws -> [String: [String]] {
        let project = try ProjectFile.open(path)
        var state: [String: [String]] = [:]
        for layer in layers {
            let current = try project.current(layer)
            state[layer] = current.features.map { "\($0.values.map(\.description)) \($0.geometry?.wkb ?? [])" }.sorted()
            let history = try project.history(layer)
            let kept = history.fields.indices.filter { !["valid_from", "valid_to", "batch"].contains(history.fields[$0].name) }
            state["\(layer)_history"] = history.features.map { version in
                "\(kept.map { version.values[$0].description }) \(version.geometry?.wkb ?? [])"
            }.sorted()
        }
        let log = try project.importLog()
        state["import_log"] = log.features.indices.map { index in
            ["layer", "inserted", "updated", "unchanged"].map { log.value($0, at: index).description }.joined(separator: " ")
        }.sorted()
        return state
    }

    @Test func eightImportersAtOnceEndAsTheyWouldOneAfterTheOther() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources(in: folder)
        let serial = try TestSupport.postgresProject(), concurrent = try TestSupport.postgresProject()
        for project in [serial, concurrent] { _ = try ProjectFile.create(project, crs: CRS("EPSG:4544"), name: "并发") }
        for source in sources { _ = try Importer(layer: source.layer, source: source.file).run(into: serial) }

        let started = try sources.map { try TestSupport.start(TestSupport.habitat, ["import", concurrent, $0.layer, $0.file]) }
        let runs = started.map { $0.finish() }
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let expected = try Self.state(of: serial), found = try Self.state(of: concurrent)
        #expect(expected["parks"]?.count == 1050 && expected["parks_history"]?.count == 1050 && expected["canopy"]?.count == 300)
        #expect(expected["import_log"]?.filter { $0.hasPrefix("parks ") } == ["parks 250 0 50", "parks 250 0 50", "parks 250 0 50", "parks 300 0 0"])
        for key in expected.keys.sorted() { #expect(found[key] == expected[key], "\(key): \(Set(found[key] ?? []).symmetricDifference(expected[key] ?? []).sorted().prefix(4))") }
        let batches = try ProjectFile.open(concurrent).importLog()
        #expect(Set(batches.features.indices.map { batches.value("batch", at: $0) }) == Set((1...8).map { AttributeValue.integer($0) }))
    }

    /// While a change of parks holds its lock, an import of canopy runs through and one of parks
    /// waits, says so, and lands once the lock is let go.
    @Test func importersOfOneLayerWaitForEachOtherAndOfOthersDoNot() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources(in: folder)
        let project = try TestSupport.postgresProject()
        _ = try ProjectFile.create(project, crs: CRS("EPSG:4544"), name: "")
        let store = try PostGISStore.open(try #require(try PostGISAddress.parse(project)))
        let (parks, canopy) = try store.transaction {
            try store.lock("parks", waiting: { Issue.record("nobody else holds the lock of parks") })
            let canopy = try TestSupport.run(TestSupport.habitat, ["import", project, "canopy", sources[5].file])
            let parks = try TestSupport.start(TestSupport.habitat, ["import", project, "parks", sources[0].file])
            // Until the importer of parks waits for the lock this transaction holds.
            var waiting = false
            for _ in 0..<1500 where !waiting && parks.isRunning {
                waiting = try TestSupport.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == "1"
            }
            #expect(waiting && parks.isRunning)
            return (parks, canopy)
        }
        #expect(canopy.status == 0 && canopy.stdout.contains("300 inserted"), "\(canopy.stderr)")
        let landed = parks.finish()
        #expect(landed.status == 0 && landed.stdout.contains("300 inserted"), "\(landed.stderr)")
        #expect(landed.stderr.contains("is being changed by another habitat process; waiting for it"))
    }

    /// A process killed with SIGKILL once its import has begun writing, and a connection cut at the
    /// same point: nothing of the batch is in the project, and the next import goes through whole.
    @Test(arguments: ["SIGKILL", "connection cut"])
    func anImportCutOffHalfWayLeavesNothing(how: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write(Self.squares((0..<4000).map { "P-\($0)" }, y: 25.40), to: "parks.geojson", in: folder)
        // The importer's connection has begun writing once it holds a lock on the layer's table.
        func writing(_ schema: String) -> String {
            """
            SELECT pid FROM pg_locks JOIN pg_class ON pg_class.oid = relation JOIN pg_namespace ON pg_namespace.oid = relnamespace
            WHERE nspname = '\(schema)' AND relname = 'parks' AND mode = 'RowExclusiveLock'
            """
        }
        var project = "", before: [String] = [], cut: TestSupport.Run?
        // Again with a new project if the import ran through before it was caught writing, or
        // committed before the cut reached it (a busy machine's timing, not what is tested).
        for _ in 0..<5 where cut == nil {
            project = try TestSupport.postgresProject()
            _ = try ProjectFile.create(project, crs: CRS("EPSG:4544"), name: "")
            before = try ProjectFileTests.contents(project)
            let importer = try TestSupport.start(TestSupport.habitat, ["import", project, "parks", source])
            var backend = ""
            while backend.isEmpty && importer.isRunning { backend = try TestSupport.psql(writing(TestSupport.schema(of: project))) }
            guard !backend.isEmpty else { _ = importer.finish(); continue }
            if how == "SIGKILL" {
                kill(importer.processIdentifier, SIGKILL)
            } else {
                try TestSupport.psql("SELECT pg_terminate_backend(\(backend))")
            }
            let ended = importer.finish()
            if ended.status != 0 { cut = ended }
        }
        let ended = try #require(cut, "the import ended each time before it was cut off")
        if how == "SIGKILL" {
            #expect(ended.status == SIGKILL)
        } else {
            let lines = ended.stderr.split(separator: "\n").map(String.init)
            #expect(ended.status == 1 && lines.count == 1 && lines[0].hasPrefix("habitat: error: \(project): ")
                    && lines[0].contains("the connection to the server was lost"), "\(ended.stderr)")
        }
        #expect(try ProjectFileTests.contents(project) == before)
        #expect(try TestSupport.run(TestSupport.habitat, ["import", project, "parks", source]).stdout.contains("4000 inserted"))
    }

    /// The server stopped by its administrator while an import writes: the import ends with one
    /// line saying the connection went, and once the server is back the project holds nothing of it.
    /// In a cluster of its own (tools/with-postgres.sh again), since the others' tests go on.
    @Test func theServerStoppedMidImportLeavesNothing() throws {
        _ = try TestSupport.postgresDatabase()
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TestSupport.write(Self.squares((0..<4000).map { "P-\($0)" }, y: 25.40), to: "parks.geojson", in: folder)
        let script = #"""
            habitat=$1 source=$2 out=$3
            project="$HABITAT_TEST_POSTGRES?schema=stopped"
            sql() { psql -X -q -A -t -d "$HABITAT_TEST_POSTGRES" -c "$1"; }
            "$habitat" init "$project" > /dev/null || exit 3
            "$habitat" import "$project" parks "$source" > "$out/import.out" 2> "$out/import.err" &
            importer=$!
            until [ "$(sql "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = relation
                             WHERE relname = 'parks_history' AND mode = 'RowExclusiveLock'")" != 0 ]; do
                kill -0 $importer 2> /dev/null || { echo "the import ended before it was caught writing"; exit 4; }
            done
            eval "$HABITAT_TEST_POSTGRES_STOP"
            wait $importer
            echo "status $?"
            eval "$HABITAT_TEST_POSTGRES_START"
            echo "rows $(sql "SELECT (SELECT count(*) FROM stopped.parks) + (SELECT count(*) FROM stopped.parks_history) + (SELECT count(*) FROM stopped.import_log)")"
            "$habitat" import "$project" parks "$source"
            """#
        let run = try TestSupport.run(TestSupport.root.appendingPathComponent("tools/with-postgres.sh").path,
                                      ["/bin/bash", "-c", script, "bash", TestSupport.habitat, source, folder.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("status 1\nrows 0\nparks: 4000 inserted"), "\(run.stdout)")
        let error = try String(contentsOfFile: folder.appendingPathComponent("import.err").path, encoding: .utf8)
        let lines = error.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 && lines[0].hasPrefix("habitat: error: postgresql://") && error.contains("the connection to the server was lost"), "\(error)")
    }
}
