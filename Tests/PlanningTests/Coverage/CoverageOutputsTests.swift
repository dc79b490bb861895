import Foundation
import Testing
import GeoCore
import TestSupport
@testable import GeoIO
@testable import Planning

/// The layers `coverage --out` writes, made by our GeoJSON writer, read by GDAL exactly as the files
/// GDAL's own driver writes of the same layers.
@Suite struct CoverageOutputsTests {
    @Test func theLayersReadBackAsGDALsOwn() throws {
        let geodata = TestSupport.root.appendingPathComponent("geodata").path
        let report = try CoverageJob(parks: .init("\(geodata)/parks.geojson"), residential: .init("\(geodata)/residential.geojson"),
                                     builtUp: .init("\(geodata)/built_up.geojson"), crs: CRS("EPSG:4544")).run(layers: true)
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = folder.appendingPathComponent("ours"), gdals = folder.appendingPathComponent("gdal")
        try FileManager.default.createDirectory(at: gdals, withIntermediateDirectories: true)
        try report.write(to: ours.path)
        for layer in [report.serviceAreaLayer(), report.uncoveredLayer(), report.residentialCoverage()] {
            #expect(!layer.features.isEmpty, "\(layer.name)")
            let reference = try TestSupport.write(try VectorWriter.geoJSON(layer, in: .crs(CRS.wgs84), throughGDAL: true),
                                                  to: layer.source, in: gdals)
            let written = ours.appendingPathComponent(layer.source).path
            let differences = try SameAsGDAL.differences(written, reference)
            #expect(differences.isEmpty, "\(layer.source): \(differences.joined(separator: "\n"))")
            #expect(try String(contentsOfFile: written, encoding: .utf8) != String(contentsOfFile: reference, encoding: .utf8),
                    "\(layer.source) is GDAL's own, not our writer's")
        }
    }
}
