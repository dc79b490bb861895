import Inventory

/// The monthly 治乱治脏 form in the house style of the other four (the plan gives no layout): one
/// row per county with the cases received by kind, the closures and the on-time rate, what is overdue,
/// the mean hours to close, repeats, the inspections' mean score and the county's rank by it.
public enum IncidentForm {
    public static let name = "incidents"
    public static let title = "曲靖市城市“四治三改一拆一增”——治乱治脏工作月报表"

    public static func table(_ figures: IncidentFigures, units: [ProgrammeInventory.Unit], onlyCounty: Bool) -> FormTable {
        let scores = Dictionary(figures.scores.filter { $0.areaType == "all" }.map { ($0.county, $0) }, uniquingKeysWith: { a, _ in a })
        func counts(_ unit: ProgrammeInventory.Unit, _ kind: String) -> IncidentFigures.Counts {
            figures.lines.first { $0.countyCode == unit.code && $0.kind == kind }?.counts ?? IncidentFigures.Counts()
        }
        func cells(_ name: String, byKind: [IncidentFigures.Counts], all: IncidentFigures.Counts, score: FormTable.Cell, rank: FormTable.Cell) -> [FormTable.Cell] {
            [.text(name)] + (byKind + [all]).map { .number(Double($0.received), 0) }
                + [.number(Double(all.closed), 0), .number(Double(all.due), 0), .number(Double(all.closedOnTime), 0),
                   all.onTimeRate.map { .number($0, 2) } ?? .text(""), .number(Double(all.overdueOpen), 0),
                   all.meanHoursToClose.map { .number($0, 1) } ?? .text(""), .number(Double(all.repeats), 0), score, rank]
        }
        let rows = units.map { unit in
            let score = scores[unit.name]
            return cells(unit.name, byKind: Disorder.kinds.map { counts(unit, $0) }, all: counts(unit, "all"),
                         score: score.map { .number($0.meanScore, 1) } ?? .text(""), rank: score?.rank.map { .number(Double($0), 0) } ?? .text(""))
        }
        let byKind = Disorder.kinds.map { kind in
            figures.lines.filter { $0.kind == kind }.map(\.counts).reduce(IncidentFigures.Counts(), +)
        }
        let inspected = figures.scores.filter { $0.areaType == "all" }
        let inspections = inspected.map(\.inspections).reduce(0, +)
        // The city's mean over every inspection: the counties' means weighted by their inspections.
        let cityScore: FormTable.Cell = inspections == 0 ? .text("")
            : .number(inspected.map { $0.meanScore * Double($0.inspections) }.reduce(0, +) / Double(inspections), 1)
        let total = cells(onlyCounty ? "合计" : "全市合计", byKind: byKind, all: figures.total, score: cityScore, rank: .text(""))
        return FormTable(title: title, period: figures.period, headers: [
            .column("县（市、区）"),
            .group("本月受理案件（件）", Disorder.kinds + ["小计"]),
            .group("办结情况", ["本月办结（件）", "本月应办结（件）", "按期办结（件）", "按期办结率（%）"]),
            .column("超期未办结（件）"), .column("平均办结时长（小时）"), .column("重复投诉（件）"),
            .column("检查测评平均得分"), .column("排名"),
        ], rows: rows + [total], above: [FormTable.Line("填报单位（盖章）：", .unit)],
        notes: ["注：1.本月为上月26日至本月25日；", "2.按期办结率=本月应办结案件中在处置时限内办结的件数/本月应办结件数×100%；",
                "3.处置时限按限期整改规则（habitat默认规则，可修改）计算，案件数据载明时限的从其规定；",
                "4.超期未办结：截至本月25日已过处置时限仍未办结的案件；",
                "5.重复投诉：同类问题在已办结案件50米内、办结后30日内再次受理；", "6.排名按本月检查测评（明查、暗访、第三方测评）平均得分。"])
    }
}
