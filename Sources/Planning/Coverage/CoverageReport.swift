import Foundation
import GeoCore
import GeoIO

/// A coverage run's result with what it was computed from, ready to print or write.
public struct CoverageReport: Sendable {
    public var result: CoverageResult
    /// The residential layer in the analysis CRS, for the per-polygon output.
    public var residential: FeatureLayer
    /// Each repaired feature, with its file.
    public var repairs: [String]
    public var crs: CRS
    public var rules: CoverageRules
    public var bufferStyle: BufferStyle

    /// The machine-readable summary: `coverage.json`, and `--format json`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Summary(self)), as: UTF8.self)
    }

    /// CSV for people, one row per built-up area and one for the total: m² and % to 2 decimals
    /// (coverage.json keeps every digit). `write(to:)` adds the byte-order mark Excel wants.
    public func csv() -> String {
        let rows = (result.areas + [result.total]).map { area in
            [CSV.field(area.name), Rounding.text(area.residentialArea, 2), Rounding.text(area.coveredArea, 2),
             area.coveragePercent.map { Rounding.text($0, 2) } ?? ""].joined(separator: ",")
        }
        return (["name,residential_m2,covered_m2,coverage_pct"] + rows).joined(separator: "\n") + "\n"
    }

    /// An aligned table for the terminal, units in the headers.
    public func table() -> String {
        let rows = (result.areas + [result.total]).map { area in
            [area.name, String(format: "%.0f", area.residentialArea), String(format: "%.0f", area.coveredArea),
             area.coveragePercent.map { String(format: "%.2f", $0) } ?? "–"]
        }
        var text = TextTable(header: ["built-up area", "residential (m²)", "covered (m²)", "coverage (%)"],
                             rows: rows, totalRow: true).rendered
        text += "\n\(result.eligibleParks) of \(result.parks) parks counted ("
            + rules.rules.map { "≥ \(Self.number($0.minimumArea)) m² → \(Self.number($0.radius)) m" }.joined(separator: ", ")
            + "); analysis CRS \(crs)\n"
        if !repairs.isEmpty { text += "\(repairs.count) invalid polygon(s) repaired\n" }
        return text
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private struct Summary: Encodable {
        let areas: [AreaCoverage]
        let total: AreaCoverage
        let eligible_parks: Int
        let parks: Int
        let residential_polygons: Int
        let rules: [CoverageRules.Rule]
        let crs: String
        let buffer_quadrant_segments: Int
        let repaired: [String]

        init(_ report: CoverageReport) {
            areas = report.result.areas
            total = report.result.total
            eligible_parks = report.result.eligibleParks
            parks = report.result.parks
            residential_polygons = report.result.residentialShares.count
            rules = report.rules.rules
            crs = report.crs.description
            buffer_quadrant_segments = report.bufferStyle.quadrantSegments
            repaired = report.repairs
        }
    }
}
