import Foundation
import GeoIO

/// The indicators of every area, checked against a profile, for one year or several.
public struct IndicatorReport: Sendable {
    public let profile: String
    public let years: [Year]

    public struct Area: Sendable, Encodable {
        public let measures: AreaMeasures
        public let checks: [IndicatorCheck]

        enum CodingKeys: String, CodingKey { case name, district, kind, indicators }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(measures.name, forKey: .name)
            try container.encode(measures.district, forKey: .district)
            try container.encode(measures.isCounty ? "county" : "built_up_area", forKey: .kind)
            try container.encode(checks, forKey: .indicators)
        }
    }

    /// A growth rule checked: the increase from one year to the next against what the rule asks.
    public struct GrowthCheck: Sendable, Encodable {
        public let area: String
        public let indicator: Indicator
        public let previous: Double
        public let value: Double
        /// The increase of the figures as shown, each rounded to `shownDecimals`.
        public let increase: Double
        public let required: Double
        public let pass: Bool
        public let source: String
        public let verified: Bool
    }

    /// The decimals indicator values are shown with, in the table and indicators.csv.
    static let shownDecimals = 2

    public struct Year: Sendable, Encodable {
        public let year: Int
        public let areas: [Area]
        public let growth: [GrowthCheck]

        static func assess(year: Int, measures: [AreaMeasures], previous: [AreaMeasures], profile: Profile) -> Year {
            let areas = measures.map { Area(measures: $0, checks: profile.assess($0, year: year)) }
            let growth = zip(measures, previous).flatMap { now, before in
                Indicator.allCases.compactMap { indicator -> GrowthCheck? in
                    guard let value = try? now.value(indicator).get(), let last = try? before.value(indicator).get(),
                          let rule = profile.requiredIncrease(indicator, after: last) else { return nil }
                    // The increase is that of the figures as shown (2 decimals), so that the table's
                    // difference is the difference of its figures and the verdict is the one they give.
                    // A tolerance of a billionth keeps 31.3 → 32.0 (an increase of 0.7 in decimal) passing in binary.
                    let increase = Rounding.rounded(value, IndicatorReport.shownDecimals)
                        - Rounding.rounded(last, IndicatorReport.shownDecimals)
                    return GrowthCheck(area: now.name, indicator: indicator, previous: last, value: value,
                                       increase: increase, required: rule.increase, pass: increase >= rule.increase - 1e-9,
                                       source: rule.source, verified: rule.verified)
                }
            }
            return Year(year: year, areas: areas, growth: growth)
        }
    }

    /// Writes `indicators.json` and `indicators.csv` into `folder`, both or neither.
    public func write(to folder: String) throws {
        try StagedWrite.files(into: URL(fileURLWithPath: folder)) { staging in
            try Data(json().utf8).write(to: staging.appendingPathComponent("indicators.json"))
            try CSV.forPeople(csv()).write(to: staging.appendingPathComponent("indicators.csv"))
        }
    }

    public func json() throws -> String {
        struct Document: Encodable { let profile: String; let years: [Year] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(profile: profile, years: years)), as: UTF8.self)
    }

    /// One row per year, area and check, for people: values to 2 decimals (indicators.json keeps
    /// every digit). `write(to:)` adds the byte-order mark Excel wants.
    public func csv() -> String {
        var lines = ["year,area,district,kind,indicator,value,unit,target,comparison,level,source,verified,pass,gap"]
        for year in years {
            for area in year.areas {
                for check in area.checks {
                    lines.append([String(year.year), CSV.field(area.measures.name), area.measures.district ?? "",
                                  area.measures.isCounty ? "county" : "built_up_area", check.indicator.rawValue,
                                  check.value.map { Rounding.text($0, Self.shownDecimals) } ?? "", check.indicator.unit,
                                  check.target.map { String($0) } ?? "", check.target == nil ? "" : check.strict ? ">" : ">=",
                                  check.level ?? "", CSV.field(check.source ?? ""), check.verified.map { $0 ? "yes" : "no" } ?? "",
                                  check.pass.map { $0 ? "pass" : "fail" } ?? "", CSV.field(check.gap ?? check.unavailable ?? "")]
                        .joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For the terminal: per year and area, each check with its verdict and gap; then the growth rules.
    public func table() -> String {
        var text = ""
        for year in years {
            text += "\(year.year), profile \(profile)\n"
            // The built-up areas, then the counties, each under its own heading.
            for (heading, counties) in [("built-up area", false), ("county", true)] {
                let rows = year.areas.filter { $0.measures.isCounty == counties }.flatMap { area in
                    area.checks.map { check -> [String] in
                        let value = check.value.map { Rounding.text($0, Self.shownDecimals) } ?? "–"
                        var target = ""
                        if let goal = check.target {
                            target = (check.strict ? "> " : "≥ ") + String(format: "%g", goal)
                            if let level = check.level { target += " (\(level))" }
                        }
                        let verdict = check.pass.map { $0 ? "pass" : "FAIL" } ?? ""
                        return [area.measures.name, check.indicator.chineseName, value, check.indicator.unit, target, verdict,
                                check.gap ?? check.unavailable ?? ""]
                    }
                }
                if rows.isEmpty { continue }
                if counties { text += "\n" }
                text += TextTable(header: [heading, "indicator", "value", "unit", "target", "", "gap"], rows: rows).rendered
            }
            if !year.growth.isEmpty {
                text += "\ngrowth since \(year.year - 1)\n"
                text += TextTable(header: ["area", "indicator", "\(year.year - 1)", "\(year.year)", "increase", "required", ""],
                                  rows: year.growth.map { check in
                                      [check.area, check.indicator.chineseName, Rounding.text(check.previous, Self.shownDecimals),
                                       Rounding.text(check.value, Self.shownDecimals),
                                       (check.increase < 0 ? "" : "+") + Rounding.text(check.increase, Self.shownDecimals),
                                       String(format: "%g", check.required), check.pass ? "pass" : "FAIL"]
                                  }).rendered
            }
            text += "\n"
        }
        return text
    }
}
