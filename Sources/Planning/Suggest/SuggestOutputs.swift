import Foundation
import GeoCore
import GeoIO

extension SuggestReport {
    /// The output file names, as written by `write(to:)`.
    public static let outputFiles = ["suggestions.json", "suggestions.csv", "suggested_sites.geojson",
                                     "new_service_area.geojson", "excluded.csv"]

    /// Writes the figures and the layers into `folder`, all or nothing.
    public func write(to folder: String) throws {
        let s = suggestions
        let system = CoordinateSystem.crs(crs)
        let sites = sitesLayer()
        let reach = FeatureLayer(
            source: "new_service_area.geojson", name: "new_service_area",
            fields: [Field("rank", .integer), Field("code", .string), Field("area_m2", .real),
                     Field("newly_covered_m2", .real), Field("newly_covered_people", .real)],
            features: s.picks.enumerated().map { rank, pick in
                Feature(values: [.integer(Int64(rank + 1)), .string(s.candidates[pick.candidate].code),
                                 .real(pick.newServiceArea.area), .real(pick.newlyCovered),
                                 pick.people.map(AttributeValue.real) ?? .null],
                        geometry: pick.newServiceArea)
            },
            coordinateSystem: system)
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try Data(json().utf8).write(to: staging.appendingPathComponent("suggestions.json"))
            try CSV.forPeople(csv()).write(to: staging.appendingPathComponent("suggestions.csv"))
            try CSV.forPeople(excludedCSV()).write(to: staging.appendingPathComponent("excluded.csv"))
            _ = try [sites, reach].parallelMap { try VectorWriter.write($0, to: staging.appendingPathComponent($0.source).path) }
        }
    }

    /// The picks, ranked, as `suggested_sites.geojson` holds them.
    func sitesLayer() -> FeatureLayer {
        let s = suggestions
        return FeatureLayer(
            source: "suggested_sites.geojson", name: "suggested_sites",
            fields: [Field("rank", .integer), Field("layer", .string), Field("code", .string), Field("name", .string),
                     Field("district", .string), Field("class", .string), Field("site_area_m2", .real), Field("radius_m", .real),
                     Field("newly_covered_m2", .real), Field("newly_covered_people", .real)],
            features: s.picks.enumerated().map { rank, pick in
                let c = s.candidates[pick.candidate]
                return Feature(values: [.integer(Int64(rank + 1)), .string(c.layer), .string(c.code), .string(c.name),
                                        .string(c.district), .string(c.siteClass), .real(pick.siteArea), .real(pick.radius),
                                        .real(pick.newlyCovered), pick.people.map(AttributeValue.real) ?? .null],
                               geometry: c.geometry)
            },
            coordinateSystem: .crs(crs))
    }
}
