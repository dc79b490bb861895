import Foundation
import GeoCore
import Inventory

/// Suggestions with what they were computed in, ready to print or write.
public struct SuggestReport: Sendable {
    public var suggestions: Suggestions
    public var crs: CRS
    public var counties: CountyNames
    public var bufferStyle: BufferStyle
    /// Each candidate polygon that was invalid and repaired, with its file.
    public var repairs: [String] = []

    public init(suggestions: Suggestions, crs: CRS, counties: CountyNames, bufferStyle: BufferStyle = BufferStyle()) {
        self.suggestions = suggestions
        self.crs = crs
        self.counties = counties
        self.bufferStyle = bufferStyle
    }

    private func candidate(_ pick: Suggestions.Pick) -> Candidate { suggestions.candidates[pick.candidate] }

    /// `suggestions.json` and `--format json`: every digit, English keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Summary(self)), as: UTF8.self)
    }

    /// CSV for people: one row per pick, the coverage of every built-up area after it. `write(to:)`
    /// adds the byte-order mark.
    public func csv() -> String {
        let s = suggestions
        let header = ["排名", "图层", "编号", "名称", "县（市、区）", "类别", "用地面积（平方米）", "服务半径（米）",
                      "新增覆盖居住用地（平方米）", "新增覆盖人口（人）"]
            + s.today.map { "\($0.name)覆盖率（%）" } + ["合计覆盖率（%）"]
        let rows = s.picks.enumerated().map { rank, pick in
            let after = s.coverage(after: rank)
            let c = candidate(pick)
            return ([String(rank + 1), c.layer, c.code, c.name, counties.name(c.district), c.siteClass].map(CSV.field)
                + [Rounding.text(pick.siteArea, 2), Rounding.text(pick.radius, 0), Rounding.text(pick.newlyCovered, 2),
                   pick.people.map { Rounding.text($0, 0) } ?? ""]
                + (after + [AreaCoverage.total(of: after)]).map { $0.coveragePercent.map { Rounding.text($0, 2) } ?? "" })
                .joined(separator: ",")
        }
        return ([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    /// `excluded.csv`: every candidate left out, with its reason (a key for programs, and words).
    public func excludedCSV() -> String {
        let rows = suggestions.excluded.map { excluded in
            let c = suggestions.candidates[excluded.candidate]
            return [c.layer, c.code, c.name, counties.name(c.district), c.siteClass, excluded.reason.key,
                    excluded.reason.description].map(CSV.field).joined(separator: ",")
        }
        return (["图层,编号,名称,县（市、区）,类别,reason,原因"] + rows).joined(separator: "\n") + "\n"
    }

    /// An aligned table for the terminal, the built-up areas the picks reach as columns.
    public func table() -> String {
        let s = suggestions
        let reached = s.today.indices.filter { area in s.picks.contains { $0.newlyCoveredByArea[area] > 0 } }
        let header = ["#", "code", "name", "district", "class", "site (m²)", "radius (m)", "newly covered (m²)", "people"]
            + reached.map { "\(s.today[$0].name) after (%)" } + ["total after (%)"]
        let rows = s.picks.enumerated().map { rank, pick in
            let after = s.coverage(after: rank)
            let c = candidate(pick)
            return [String(rank + 1), c.code, c.name, counties.name(c.district), c.siteClass,
                    Rounding.text(pick.siteArea, 0), Rounding.text(pick.radius, 0), Rounding.text(pick.newlyCovered, 0),
                    pick.people.map { Rounding.text($0, 0) } ?? "–"]
                + (reached.map { after[$0] } + [AreaCoverage.total(of: after)]).map { $0.coveragePercent.map { Rounding.text($0, 2) } ?? "–" }
        }
        var text = TextTable(header: header, rows: rows).rendered
        let before = AreaCoverage.total(of: s.today).coveragePercent.map { Rounding.text($0, 2) } ?? "–"
        let after = s.picks.isEmpty ? before : AreaCoverage.total(of: s.coverage(after: s.picks.count - 1)).coveragePercent.map { Rounding.text($0, 2) } ?? "–"
        text += "\(s.picks.count) site(s) bring \(Rounding.text(s.totalNewlyCovered, 0)) m² of residential land"
            + (s.totalPeople.map { " and \(Rounding.text($0, 0)) people" } ?? "")
            + " within reach: coverage \(before) % → \(after) %\n"
        switch s.limit {
        case let .count(k) where s.stoppedAtZero && s.picks.count < k:
            text += "asked for \(k); no other candidate would bring anything more within reach\n"
        case let .budget(m2):
            text += "site area \(Rounding.text(s.picks.map(\.siteArea).reduce(0, +), 0)) of \(Rounding.text(m2, 0)) m² budget\n"
        default: break
        }
        text += s.exchangeChanged
            ? "exchange improved on the greedy choice (\(s.greedy.map { s.candidates[$0].code }.joined(separator: ", ")))\n"
            : "exchange kept the greedy choice\n"
        text += "\(s.eligible) of \(s.candidates.count) candidates could become parks that count"
        let reasons = Dictionary(grouping: s.excluded, by: \.reason.key).mapValues(\.count)
        if !reasons.isEmpty {
            text += "; left out: " + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }
                .joined(separator: ", ")
        }
        text += "; weight \(s.weight.rawValue); analysis CRS \(crs)\n"
        return text
    }

    private struct Summary: Encodable {
        struct Pick: Encodable {
            let rank: Int
            let layer, code, name, district, `class`: String
            let site_area_m2, radius_m, newly_covered_m2: Double
            let newly_covered_people: Double?
            let newly_covered_m2_by_area: [String: Double]
            let coverage_after: [AreaCoverage]
            let coverage_after_total: AreaCoverage
        }
        struct Excluded: Encodable {
            let layer, code, name, reason, detail: String
        }
        let weight: String
        let k: Int?
        let budget_m2: Double?
        let candidates, eligible: Int
        let picks: [Pick]
        let total_newly_covered_m2: Double
        let total_newly_covered_people: Double?
        let greedy: [String]
        let exchange_changed_greedy: Bool
        let stopped_at_zero_gain: Bool
        let today: [AreaCoverage]
        let today_total: AreaCoverage
        let excluded: [Excluded]
        let rules: [CoverageRules.Rule]
        let crs: String
        let buffer_quadrant_segments: Int

        init(_ report: SuggestReport) {
            let s = report.suggestions
            weight = s.weight.rawValue
            switch s.limit {
            case let .count(n): (k, budget_m2) = (n, nil)
            case let .budget(m2): (k, budget_m2) = (nil, m2)
            }
            candidates = s.candidates.count
            eligible = s.eligible
            picks = s.picks.enumerated().map { rank, pick in
                let c = s.candidates[pick.candidate], after = s.coverage(after: rank)
                return Pick(rank: rank + 1, layer: c.layer, code: c.code, name: c.name, district: c.district, class: c.siteClass,
                            site_area_m2: pick.siteArea, radius_m: pick.radius, newly_covered_m2: pick.newlyCovered,
                            newly_covered_people: pick.people,
                            newly_covered_m2_by_area: Dictionary(zip(s.today.map(\.name), pick.newlyCoveredByArea),
                                                                 uniquingKeysWith: +),
                            coverage_after: after, coverage_after_total: AreaCoverage.total(of: after))
            }
            total_newly_covered_m2 = s.totalNewlyCovered
            total_newly_covered_people = s.totalPeople
            greedy = s.greedy.map { s.candidates[$0].code }
            exchange_changed_greedy = s.exchangeChanged
            stopped_at_zero_gain = s.stoppedAtZero
            today = s.today
            today_total = AreaCoverage.total(of: s.today)
            excluded = s.excluded.map { e in
                let c = s.candidates[e.candidate]
                return Excluded(layer: c.layer, code: c.code, name: c.name, reason: e.reason.key, detail: e.reason.description)
            }
            rules = s.rules.rules
            crs = report.crs.description
            buffer_quadrant_segments = report.bufferStyle.quadrantSegments
        }
    }
}
