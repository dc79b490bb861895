import Foundation

/// The four monthly forms counties send by the 25th, made from the inventory.
public enum MonthlyForm: String, CaseIterable, Sendable {
    /// 提升城市绿化品质工作进度表
    case greening
    /// 云南省旧厂区改造情况月报表
    case factories
    /// 旧住宅区改造情况月报表, one row per area
    case residential
    /// 城中村改造进度表
    case villages

    public var title: String {
        switch self {
        case .greening: "提升城市绿化品质工作进度表"
        case .factories: "云南省旧厂区改造情况月报表"
        case .residential: "旧住宅区改造情况月报表"
        case .villages: "城中村改造进度表"
        }
    }

    /// The form filled for `period`: its Chinese headers in the official order, one row per county
    /// (per area for `residential`), and the total row last.
    public func table(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        switch self {
        case .greening: greening(data, period)
        case .factories: factories(data, period)
        case .residential: residential(data, period)
        case .villages: villages(data, period)
        }
    }

    private static let notEntered = "未录入"

    /// A 合计 cell: the sum of the figures the rows show in `column`, as a form filled by hand adds them up.
    private static func total(_ rows: [[FormTable.Cell]], _ column: Int, decimals: Int) -> FormTable.Cell {
        .number(rows.map { $0[column].shown ?? 0 }.reduce(0, +), decimals)
    }

    private func greening(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        func hectares(_ land: [ProgrammeInventory.GreenLand]) -> Double { land.map(\.area).reduce(0, +) / 10_000 }
        func row(_ name: String, _ land: [ProgrammeInventory.GreenLand]) -> [FormTable.Cell] {
            let open = land.filter { period.byEnd($0.opened) || $0.opened == nil }
            let new = land.filter { period.inMonth($0.opened) }
            return [.text(name), .text(Self.notEntered), .text(Self.notEntered), .text(Self.notEntered), .text(Self.notEntered),
                    .number(hectares(new), 2), .number(hectares(open), 2),
                    .number(hectares(new.filter(\.isPark)), 2), .number(hectares(open.filter(\.isPark)), 2),
                    .number(Double(open.filter(\.isPark).count), 0)]
        }
        let rows = data.units.map { unit in row(unit.name, data.greenLand.filter { $0.county == unit.code }) }
        let total: [FormTable.Cell] = [.text("合计")] + Array(repeating: .text(Self.notEntered), count: 4)
            + (5...8).map { Self.total(rows, $0, decimals: 2) } + [Self.total(rows, 9, decimals: 0)]
        return FormTable(title: title, period: period, headers: [
            "县（市、区）", "国家/省级园林城市申报情况", "绿地系统规划编制情况", "绿化投资本月（万元）", "绿化投资累计（万元）",
            "建成区园林绿地面积本月新增（公顷）", "建成区园林绿地面积累计（公顷）", "公园绿地面积本月新增（公顷）",
            "公园绿地面积累计（公顷）", "公园个数",
        ], rows: rows + [total])
    }

    private func factories(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        struct Counts { var surveyed = 0, surveyedNow = 0, renovated = 0, renovatedNow = 0
            /// 改造比例: this month's renovations over what remained to renovate when the month began.
            var ratio: Double { let left = surveyed - (renovated - renovatedNow); return left > 0 ? 100 * Double(renovatedNow) / Double(left) : 0 }
        }
        func counts(_ sites: [ProgrammeInventory.Factory]) -> Counts {
            var counts = Counts()
            for site in sites where period.byEnd(site.surveyed) || site.surveyed == nil {
                counts.surveyed += 1
                if period.inMonth(site.surveyed) { counts.surveyedNow += 1 }
                if period.byEnd(site.completed) { counts.renovated += 1 }
                if period.inMonth(site.completed) { counts.renovatedNow += 1 }
            }
            return counts
        }
        let rows = data.units.map { unit in (unit.name, counts(data.factories.filter { $0.county == unit.code })) }
        // 单位排序: by 改造比例, highest first; equal ratios share a rank.
        let ratios = rows.map(\.1.ratio)
        func rank(_ ratio: Double) -> Double { Double(ratios.filter { $0 > ratio }.count + 1) }
        func cells(_ name: String, _ counts: Counts, rank: FormTable.Cell) -> [FormTable.Cell] {
            [.text(name), .number(Double(counts.surveyed), 0), .number(Double(counts.surveyedNow), 0),
             .number(Double(counts.renovated), 0), .number(Double(counts.renovatedNow), 0), .number(counts.ratio, 2), rank]
        }
        let total = rows.map(\.1).reduce(Counts()) {
            Counts(surveyed: $0.surveyed + $1.surveyed, surveyedNow: $0.surveyedNow + $1.surveyedNow,
                   renovated: $0.renovated + $1.renovated, renovatedNow: $0.renovatedNow + $1.renovatedNow)
        }
        return FormTable(title: title, period: period, headers: [
            "县（市、区）", "调查数（累计）", "调查数（本月）", "改造数（累计）", "改造数（本月）", "改造比例（%）", "单位排序",
        ], rows: rows.map { cells($0.0, $0.1, rank: .number(rank($0.1.ratio), 0)) } + [cells("合计", total, rank: .text(""))])
    }

    private func residential(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        let layer = data.residential
        let names = Dictionary(data.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let indices = layer.features.indices.filter { index in
            data.residentialCounties[index].map { names[$0] != nil } ?? false
        }.sorted { (data.residentialCounties[$0] ?? "", $0) < (data.residentialCounties[$1] ?? "", $1) }
        let fields = ["name", "address", "built", "renovation_type", "renovation_content", "planned_start", "planned_end", "progress"]
        let rows = indices.enumerated().map { number, index -> [FormTable.Cell] in
            [.number(Double(number + 1), 0), .text(names[data.residentialCounties[index]!]!)]
                + fields.map { .text(layer.value($0, at: index).description) }
        }
        let finished = indices.filter { layer.value("progress", at: $0) == .string("已竣工") }.count
        return FormTable(title: title, period: period, headers: [
            "序号", "县（市、区）", "旧住宅区名称", "地址", "建设时间", "改造类型", "改造具体内容", "计划开始改造年度", "计划改造完成年度", "总体建设进度",
        ], rows: rows + [[.text(""), .text("合计"), .text("\(indices.count)个"), .text(""), .text(""), .text(""), .text(""),
                          .text(""), .text(""), .text("已竣工\(finished)个")]])
    }

    private func villages(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        func row(_ name: String, _ planned: Int, _ sites: [ProgrammeInventory.Village]) -> [FormTable.Cell] {
            func households(_ keep: (ProgrammeInventory.Village) -> Bool) -> Double { Double(sites.filter(keep).map(\.households).reduce(0, +)) }
            let signed = sites.map(\.signed).reduce(0, +), cash = sites.map(\.cash).reduce(0, +)
            return [.text(name), .number(Double(planned), 0), .number(households { period.byEnd($0.completed) }, 0),
                    .number(households { period.inYear($0.completed) }, 0), .number(households { period.inMonth($0.completed) }, 0),
                    .number(Double(signed), 0), .number(Double(cash), 0), .number(signed > 0 ? 100 * Double(cash) / Double(signed) : 0, 2)]
        }
        func planned(_ code: String?) -> Int {
            data.plans.households.filter { $0.programme == "urban_villages" && $0.year == period.year && (code == nil || $0.district == code) }
                .map(\.households).reduce(0, +)
        }
        let rows = data.units.map { unit in row(unit.name, planned(unit.code), data.villages.filter { $0.county == unit.code }) }
        let codes = Set(data.units.map(\.code))
        return FormTable(title: title, period: period, headers: [
            "县（市、区）", "本年计划改造户数", "累计完成户数", "本年完成户数", "本月完成户数", "签约户数", "货币化安置户数", "货币化安置率（%）",
        ], rows: rows + [row("合计", data.units.map { planned($0.code) }.reduce(0, +),
                             data.villages.filter { $0.county.map(codes.contains) ?? false })])
    }
}
