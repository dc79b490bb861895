import Foundation
import Testing
import GeoCore
import TestSupport
@testable import Inventory

/// QGIS (headless) draws the cases as circles coloured by kind and the inspections as dark circles:
/// a fill style would leave points invisible. GDAL's GeoPackage validator has nothing to say.
@Suite struct IncidentStyleTests {
    @Test func qgisDrawsTheCasesByKind() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try emptyProject(in: folder)
        var importer = Importer(layer: "incidents", source: try TestSupport.write("""
            工单编号,受理时间,问题类型,WKT
            A1,2018-03-01 09:00,占道经营,"POINT (500000 2800000)"
            A2,2018-03-01 09:00,乱摆乱放,"POINT (500400 2800300)"
            A3,2018-03-01 09:00,乱搭乱建,"POINT (500800 2800100)"
            """, to: "cases.csv", in: folder))
        importer.declared = .crs(try CRS("EPSG:4544"))
        _ = try importer.run(into: path)
        let styles = QGISStyleTests()
        try styles.expectValid(path)
        let report = try styles.qgis(path, ["incidents"], render: folder.appendingPathComponent("render.png").path)
        let incidents = try #require(report["incidents"] as? [String: Any])
        #expect(incidents["renderer"] as? String == "categorizedSymbol" && incidents["field"] as? String == "kind")
        let classes = styles.classes(incidents)
        #expect(classes.map { $0["value"] as? String } == Disorder.kinds)
        #expect(classes.allSatisfy { $0["marker"] as? Bool == true })
        #expect(classes.map(styles.color) == LayerSchema.kindColours.map { $0.split(separator: ",").prefix(3).joined(separator: ",") })
        let pixels = try #require(report["pixels"] as? [String: Int])
        for (kind, rgb) in [("占道经营", "228,26,28"), ("乱摆乱放", "55,126,184"), ("乱搭乱建", "77,175,74")] {
            #expect(pixels[rgb, default: 0] > 20, "\(kind) (\(rgb)): \(pixels[rgb, default: 0]) pixels")
        }
        #expect(pixels["152,78,163", default: 0] == 0, "no 乱贴乱画 case, no purple")
    }
}
