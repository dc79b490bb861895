import Foundation
import Testing
import GeoCore
import GeoIO
import TestSupport
@testable import Inventory

/// The security review of uploads: zip bombs measured by unzipping, not by headers; only survey
/// formats, opened by their own driver; the upload area kept clean; the copy of a project.
@Suite struct UploadSecurityTests {
    /// Runs a Python script (Debian's python3: zipfile and struct are all it needs) with `arguments`.
    func python(_ script: String, _ arguments: [String]) throws {
        let run = try TestSupport.run("/usr/bin/python3", ["-c", script] + arguments)
        try #require(run.status == 0, "\(run.stderr)")
    }

    /// A zip of one 20 MB file of zeros (20 KB zipped) whose local header and central directory
    /// both claim it unzips to 10 bytes; `prefix` bytes of junk before it.
    func lyingZip(_ name: String, prefix: String = "", in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try python("""
            import io, struct, sys, zipfile
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z: z.writestr('doc.kml', bytes(20 << 20))
            data = bytearray(buffer.getvalue())
            struct.pack_into('<I', data, 22, 10)
            struct.pack_into('<I', data, data.find(b'PK\\x01\\x02') + 24, 10)
            open(sys.argv[1], 'wb').write(sys.argv[2].encode() + bytes(data))
            """, [path, prefix])
        return path
    }

    @Test func zipsAreMeasuredByUnzippingThemWhateverTheirHeadersSay() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ScopedEditTests().project(in: folder, .geoPackage)
        let before = try ProjectFileTests.contents(path)
        let limit: Int64 = 8 << 20
        let lying = try lyingZip("survey.kmz", in: folder)
        let prefixed = try lyingZip("prefixed.kmz", prefix: "not a zip at first", in: folder)
        let bomb = try SurveyUploadTests().zip([("[Content_Types].xml", 1000), ("xl/worksheets/sheet1.xml", 12 << 20)], to: "bomb.xlsx", in: folder)
        for file in [lying, prefixed, bomb] {
            do {
                _ = try Importer(layer: "parks", source: file).run(into: path, by: ScopedEditTests.qilin, maxUnzippedBytes: limit)
                Issue.record("\(file) was read")
            } catch let InventoryError.unzipsTooLarge(source, size, refusedPast) {
                #expect(source == file && size > limit && refusedPast == limit)
            }
        }
        #expect(try ProjectFileTests.contents(path) == before)
        // Counted without being held: the count stops once past the limit.
        #expect(ZipContents.unzippedBytes(lying, stoppingPast: limit) < limit + (1 << 20))
        #expect(ZipContents.unzippedBytes(lying, stoppingPast: .max) == 20 << 20)
        #expect(ZipContents.unzippedBytes(prefixed, stoppingPast: .max) == 20 << 20)
    }

    /// A VRT — which reads whatever file it names — named as a survey format: never read as a VRT.
    @Test func aVRTNamedAsASurveyFormatDoesNotReadTheFileItNames() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ScopedEditTests().project(in: folder, .geoPackage)
        let secret = try TestSupport.write("name,hash\nadmin,SECRET-HASH-4711\n", to: "secret.csv", in: folder)
        let vrt = "<OGRVRTDataSource><OGRVRTLayer name=\"secret\"><SrcDataSource>\(secret)</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n"
        // GDAL alone, not told which driver, does read through it.
        let plain = try TestSupport.write(vrt, to: "check.csv", in: folder)
        #expect(try TestSupport.run("ogrinfo", ["-al", "-q", plain]).stdout.contains("SECRET-HASH-4711"))
        for name in ["evil.csv", "evil.geojson", "evil.kml"] {
            let file = try TestSupport.write(vrt, to: name, in: folder)
            // Read as what its name says, it holds no survey (or is no such file): the secret never shows.
            let outcome: String
            do {
                outcome = "\(try Importer(layer: "parks", source: file).run(into: path, by: ScopedEditTests.city))"
            } catch {
                outcome = "\(error)"
            }
            #expect(!outcome.contains("SECRET-HASH-4711") && !outcome.contains("admin"), "\(name): \(outcome)")
            if let read = try? VectorReader.read(file) {
                #expect(!read.features.contains { $0.values.contains(.string("SECRET-HASH-4711")) }, "\(name) read through")
            }
        }
        #expect(try !ProjectFileTests.contents(path).joined().contains("SECRET-HASH-4711"))
        // And no such file reaches the upload area by its own name.
        let area = UploadArea(folder.appendingPathComponent("uploads").path)
        for name in ["evil.vrt", "project.gpkg", "x.sqlite", "x.VRT", "survey"] {
            #expect(throws: InventoryError.badUploadName(name)) { try area.store(Data(vrt.utf8), named: name) }
        }
    }

    @Test func theUploadAreaKeepsNothingAndTheLogNamesTheClientsFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ScopedEditTests().project(in: folder, .geoPackage)
        let area = UploadArea(folder.appendingPathComponent("uploads").path)
        let good = SurveyUploadTests.collection([SurveyUploadTests.park("N1", "白石江游园", "2018-05-01", 103.785, 25.49)])
        let bad = SurveyUploadTests.collection([SurveyUploadTests.park("N2", "越界游园", "2018-05-01", 103.81, 25.49)])
        let summary = try area.importing(Data(good.utf8), named: #"C:\fakepath\调查.geojson"#) { stored in
            try Importer(layer: "parks", source: stored).run(into: path, by: ScopedEditTests.qilin)
        }
        #expect(throws: (any Error).self) {
            try area.importing(Data(bad.utf8), named: "bad.geojson") { try Importer(layer: "parks", source: $0).run(into: path, by: ScopedEditTests.qilin) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: area.folder).isEmpty)
        let log = try ProjectFile.open(path).importLog()
        let row = try #require(log.features.indices.first { Int(log.value("batch", at: $0).doubleValue ?? 0) == summary.batch })
        #expect(log.value("source", at: row) == .string("调查.geojson"))
        // A name too long for the file system is a bad name, not a failure to write.
        let long = String(repeating: "调", count: 80) + ".xlsx"
        #expect(throws: InventoryError.badUploadName(long)) { try area.store(Data("x".utf8), named: long) }
    }

    @Test(arguments: TestStore.allCases) func aCopyKeepsTheAccountsButNoSession(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try ScopedEditTests().project(in: folder, .geoPackage)
        _ = try Accounts.add("luoping", district: "530302", readOnly: false, to: original)
        try Accounts.startSession(tokenHash: "live", for: "luoping", expires: Date().addingTimeInterval(3600), in: original)
        #expect(try ProjectFile.open(original).signedIn(tokenHash: "live")?.name == "luoping")
        let copy = try store.newProject(in: folder, name: "copy")
        _ = try ProjectFile.copy(original, to: copy)
        let copied = try ProjectFile.open(copy)
        #expect(try copied.accounts().map(\.name) == ["luoping"])
        #expect(try copied.signedIn(tokenHash: "live") == nil, "a token of the original signs in to the copy")
        // The copy's own sessions work.
        try Accounts.startSession(tokenHash: "new", for: "luoping", expires: Date().addingTimeInterval(3600), in: copy)
        #expect(try ProjectFile.open(copy).signedIn(tokenHash: "new")?.name == "luoping")
    }
}
