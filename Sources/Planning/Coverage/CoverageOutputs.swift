import Foundation
import GeoCore
import GeoIO

extension CoverageReport {
    /// The output file names, as written by `write(to:)`.
    public static let outputFiles = ["coverage.json", "coverage.csv", "service_area.geojson",
                                     "uncovered_residential.geojson", "residential_coverage.geojson"]

    /// Writes the figures and the layers into `folder`, all or nothing. Needs a report made with
    /// layers.
    public func write(to folder: String) throws {
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            func path(_ name: String) -> String { staging.appendingPathComponent(name).path }
            try Data(json().utf8).write(to: staging.appendingPathComponent("coverage.json"))
            try CSV.forPeople(csv()).write(to: staging.appendingPathComponent("coverage.csv"))
            // One after another, each formatted on every core. (Written side by side, each layer's
            // own parallel work ran nested on a single thread, and the largest held up the rest.)
            for layer in [serviceAreaLayer(), uncoveredLayer(), residentialCoverage()] {
                try VectorWriter.write(layer, to: path(layer.source))
            }
        }
    }

    /// The service area, one feature per polygon of it, with its area. Needs a report made with layers.
    public func serviceAreaLayer() -> FeatureLayer {
        FeatureLayer(source: "service_area.geojson", name: "service_area", fields: [Field("area_m2", .real)],
                     features: (result.serviceArea?.polygons ?? []).map { Feature(values: [.real($0.area)], geometry: $0) },
                     coordinateSystem: .crs(crs))
    }

    /// The residential land out of every park's reach, per built-up area, with its area.
    public func uncoveredLayer() -> FeatureLayer {
        FeatureLayer(source: "uncovered_residential.geojson", name: "uncovered_residential",
                     fields: [Field("built_up_area", .string), Field("area_m2", .real)],
                     features: result.uncovered.map { Feature(values: [.string($0.area), .real($0.geometry.area)], geometry: $0.geometry) },
                     coordinateSystem: .crs(crs))
    }

    /// The residential polygons with their attributes and their own covered share.
    func residentialCoverage() -> FeatureLayer {
        let added = [Field("area_m2", .real), Field("covered_m2", .real), Field("covered_pct", .real)]
        let kept = residential.fields.indices.filter { index in !added.contains { $0.name == residential.fields[index].name } }
        var layer = residential
        layer.name = "residential_coverage"
        layer.source = "residential_coverage.geojson"
        layer.fields = kept.map { residential.fields[$0] } + added
        layer.features = zip(residential.features, result.residentialShares).map { feature, share in
            Feature(values: kept.map { feature.values[$0] }
                        + [.real(share.area), .real(share.coveredArea), .real(100 * share.coveredShare)],
                    geometry: feature.geometry)
        }
        return layer
    }
}
