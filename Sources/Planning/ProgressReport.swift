import Foundation
import Inventory

/// Where each county stands against the plans at a month's reporting date, with a plain verdict.
public struct ProgressReport: Sendable {
    public struct Line: Sendable, Equatable, Encodable {
        public let county: String
        public let programme: String
        public let done: Double
        /// What the plan asks by now: the years before in full, this year pro rata to the month.
        public let expected: Double
        /// What the plan asks by the end of this year.
        public let plannedThisYear: Double
        public let unit: String
        public let verdict: String
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
                let expected = before + thisYear * Double(period.month) / 12
                lines.append(Line(county: unit.name, programme: programme, done: done, expected: expected,
                                  plannedThisYear: before + thisYear, unit: "households",
                                  verdict: Self.verdict(done: done, expected: expected, yearEnd: before + thisYear, unit: "households")))
            }
            for factoryClass in ["用地变更类", "拆旧建新类", "改造提升类"] {
                let sites = data.factories.filter { $0.county == unit.code && $0.category == factoryClass && (period.byEnd($0.surveyed) || $0.surveyed == nil) }
                guard !sites.isEmpty else { continue }
                let disposed = Double(sites.filter { period.byEnd($0.completed) }.count)
                let targets = data.plans.disposalTargets.filter { $0.factoryClass == factoryClass }.sorted { $0.by < $1.by }
                let due = targets.first { $0.by >= period.end } ?? targets.last
                let needed = (due?.ratePercent ?? 0) / 100 * Double(sites.count)
                lines.append(Line(county: unit.name, programme: "old_factories \(factoryClass)", done: 100 * disposed / Double(sites.count),
                                  expected: due?.ratePercent ?? 0, plannedThisYear: due?.ratePercent ?? 0, unit: "% disposed",
                                  verdict: disposed >= needed ? "on track" : "behind by \(Int((needed - disposed).rounded(.up))) sites (target \(Int(due?.ratePercent ?? 0)) % by \(due?.by ?? ""))"))
            }
            let villages = data.villages.filter { $0.county == unit.code }
            let signed = Double(villages.map(\.signed).reduce(0, +))
            if signed > 0, let target = data.plans.targets["cash_resettlement_pct"] {
                let share = 100 * Double(villages.map(\.cash).reduce(0, +)) / signed
                lines.append(Line(county: unit.name, programme: "cash resettlement (货币化安置率)", done: share, expected: target,
                                  plannedThisYear: target, unit: "%", verdict: share >= target ? "on track" : String(format: "behind by %.1f points", target - share)))
            }
        }
        self.lines = lines
    }

    static func verdict(done: Double, expected: Double, yearEnd: Double, unit: String) -> String {
        if done >= yearEnd && done > expected { return "ahead" }
        if done >= expected { return "on track" }
        return "behind by \(Int((expected - done).rounded(.up))) \(unit)"
    }

    public func table() -> String {
        "progress to \(period.end)\n" + TextTable(header: ["county", "programme", "done", "expected now", "by year end", "unit", "verdict"],
                                                  rows: lines.map { line in
                                                      [line.county, line.programme, String(format: "%.0f", line.done), String(format: "%.0f", line.expected),
                                                       String(format: "%.0f", line.plannedThisYear), line.unit, line.verdict]
                                                  }).rendered
    }

    public func json() throws -> String {
        struct Document: Encodable { let end: String; let lines: [Line] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(end: period.end, lines: lines)), as: UTF8.self)
    }
}
