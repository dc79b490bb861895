import Foundation
import GeoCore
import TestSupport
@testable import Inventory

/// A new project in EPSG:4544 for a test's imports, with the sample city's built-up areas where the
/// test needs the project's extent (to find Gauss-Krüger zones, say).
func emptyProject(in folder: URL, withSampleBuiltUp: Bool = false) throws -> String {
    let path = folder.appendingPathComponent("p.gpkg").path
    _ = try ProjectFile.create(path, crs: CRS("EPSG:4544"), name: "")
    if withSampleBuiltUp {
        _ = try Importer(layer: "built_up_areas", source: TestSupport.root.appendingPathComponent("geodata/built_up.geojson").path).run(into: path)
    }
    return path
}
