import Foundation
import Inventory

/// Where each county stands against the plans at a month's reporting date, with a plain verdict.
///
/// Every figure is rounded once, to what the table shows (whole households, tenths of a per cent),
/// and the verdict compares those figures.
public struct ProgressReport: Sendable {
    public struct Line: Sendable, Equatable, Encodable {
        public let county: String
        public let programme: String
        public let done: Double
        /// What the plan asks by now: the years before in full, this year pro rata to the month; for a
        /// disposal rate, pro rata from the target before (or from 0 % a year before the first).
        public let expected: Double
        /// What the plan asks by the end of this year.
        public let plannedThisYear: Double
        public let unit: String
        public let verdict: String

        /// The decimals its figures are rounded to and shown with.
        var decimals: Int { Self.decimals(unit) }
        static func decimals(_ unit: String) -> Int { unit == "households" ? 0 : 1 }
    }

    public let period: ReportingPeriod
    public let lines: [Line]

    public init(_ data: ProgrammeInventory, _ period: ReportingPeriod) {
        self.period = period
        var lines: [Line] = []
        for unit in data.units {
            for programme in ["urban_villages", "old_residential"] {
                let plan = data.plans.households.filter { $0.programme == programme && $0.district == unit.code }
                let before = Double(plan.filter { $0.year < period.year }.map(\.households).reduce(0, +))
                let thisYear = Double(plan.filter { $0.year == period.year }.map(\.households).reduce(0, +))
                let done = programme == "urban_villages"
                    ? Double(data.villages.filter { $0.county == unit.code && period.byEnd($0.completed) }.map(\.households).reduce(0, +))
                    : Double(data.residential.features.indices.filter { index in
                        data.residentialCounties[index] == unit.code && period.byEnd(data.residential.text("completed", at: index))
                    }.map { data.residential.value("households", at: $0).doubleValue ?? 0 }.reduce(0, +))
                guard before + thisYear > 0 || done > 0 else { continue }
                // The reporting year runs from 26 December, so month m has run m twelfths of it.
                let expected = Rounding.rounded(before + thisYear * Double(period.month) / 12, 0)
                lines.append(Line(county: unit.name, programme: programme, done: done, expected: expected,
                                  plannedThisYear: before + thisYear, unit: "households",
                                  verdict: Self.verdict(done: done, expected: expected, yearEnd: before + thisYear,
                                                        short: Self.count(Int((expected - done).rounded(.up)), "household"))))
            }
            for factoryClass in ["用地变更类", "拆旧建新类", "改造提升类"] {
                let sites = data.factories.filter { $0.county == unit.code && $0.category == factoryClass && (period.byEnd($0.surveyed) || $0.surveyed == nil) }
                guard !sites.isEmpty else { continue }
                let decimals = Line.decimals("% disposed")
                let disposed = Double(sites.filter { period.byEnd($0.completed) }.count)
                let schedule = DisposalSchedule(data.plans.disposalTargets.filter { $0.factoryClass == factoryClass })
                let done = Rounding.rounded(100 * disposed / Double(sites.count), decimals)
                let expected = Rounding.rounded(schedule.rate(on: period.end), decimals)
                let yearEnd = Rounding.rounded(schedule.rate(on: "\(period.year)-12-31"), decimals)
                let short = Int((expected / 100 * Double(sites.count) - disposed).rounded(.up))
                lines.append(Line(county: unit.name, programme: "old_factories \(factoryClass)", done: done, expected: expected,
                                  plannedThisYear: yearEnd, unit: "% disposed",
                                  verdict: Self.verdict(done: done, expected: expected, yearEnd: yearEnd, short: Self.count(short, "site")
                                      + " (\(Rounding.text(expected, decimals)) % due now, \(schedule.explained(on: period.end)))")))
            }
            let villages = data.villages.filter { $0.county == unit.code }
            let signed = Double(villages.map(\.signed).reduce(0, +))
            if signed > 0, let target = data.plans.targets["cash_resettlement_pct"] {
                let share = Rounding.rounded(100 * Double(villages.map(\.cash).reduce(0, +)) / signed, Line.decimals("%"))
                lines.append(Line(county: unit.name, programme: "cash resettlement (货币化安置率)", done: share, expected: target,
                                  plannedThisYear: target, unit: "%",
                                  verdict: share >= target ? "on track" : "behind by \(Rounding.text(target - share, Line.decimals("%"))) points"))
            }
        }
        self.lines = lines
    }

    /// One of three words for households and disposal rates alike: ahead (this year's target already
    /// met, and more than is due now), on track, or behind by what is `short`.
    static func verdict(done: Double, expected: Double, yearEnd: Double, short: @autoclosure () -> String) -> String {
        if done >= yearEnd && done > expected { return "ahead" }
        if done >= expected { return "on track" }
        return "behind by " + short()
    }

    /// "1 site", "2 sites".
    static func count(_ number: Int, _ singular: String) -> String { "\(number) \(singular)\(number == 1 ? "" : "s")" }

    public func table() -> String {
        "progress to \(period.end)\n" + TextTable(header: ["county", "programme", "done", "expected now", "by year end", "unit", "verdict"],
                                                  rows: lines.map { line in
                                                      [line.county, line.programme, Rounding.text(line.done, line.decimals),
                                                       Rounding.text(line.expected, line.decimals),
                                                       Rounding.text(line.plannedThisYear, line.decimals), line.unit, line.verdict]
                                                  }).rendered
    }

    public func json() throws -> String {
        struct Document: Encodable { let end: String; let lines: [Line] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(end: period.end, lines: lines)), as: UTF8.self)
    }
}
