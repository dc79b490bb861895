import Foundation
import Inventory

/// The forms counties send the city by the 25th, made from the inventory and laid out as the plans'
/// 附件 print them.
public enum MonthlyForm: String, CaseIterable, Sendable {
    /// 提升城市绿化品质工作进度表
    case greening
    /// 云南省旧厂区改造情况月报表
    case factories
    /// 旧住宅区改造情况月报表, one row per area
    case residential
    /// 城中村改造进度表
    case villages
    /// 云南省旧厂区现状统计表: the survey register, one row per site
    case register
    /// 曲靖市保障性安居工程建设进展情况月报表: one row per kind of housing, from the figures counties enter
    case housing

    public var title: String {
        switch self {
        case .greening: "提升城市绿化品质工作进度表"
        case .factories: "云南省旧厂区改造情况月报表"
        case .residential: "曲靖市城市“四治三改一拆一增”——旧住宅区改造情况月报表"
        case .villages: "城中村改造进度表"
        case .register: "云南省旧厂区现状统计表"
        case .housing: "曲靖市保障性安居工程建设进展情况月报表"
        }
    }

    /// The form filled for `period`: its Chinese headers in the official order, one row per county
    /// (per area for `residential`), and the total row last.
    public func table(_ data: ProgrammeInventory, _ period: ReportingPeriod) throws -> FormTable {
        switch self {
        case .greening: try greening(data, period)
        case .factories: factories(data, period)
        case .residential: residential(data, period)
        case .villages: villages(data, period)
        case .register: register(data, period)
        case .housing: housing(data, period)
        }
    }

    private static let notEntered = "未录入"

    /// A 合计 cell: the sum of the figures the rows show in `column`, as a form filled by hand adds them up.
    private static func total(_ rows: [[FormTable.Cell]], _ column: Int, decimals: Int) -> FormTable.Cell {
        .number(rows.map { $0[column].shown ?? 0 }.reduce(0, +), decimals)
    }

    /// 建成区园林绿地面积 and 公园绿地面积: the land in the county's built-up areas, dissolved, as 绿地率
    /// and 人均公园绿地 measure it; 本月增量 what stands at the period's end less what stood at the month
    /// before's (each rounded as printed, so that it is this form's 总计 less last month's).
    private func greening(_ data: ProgrammeInventory, _ period: ReportingPeriod) throws -> FormTable {
        func counties(on date: String) throws -> [String: AreaMeasures] {
            Dictionary(uniqueKeysWithValues: try data.green.open(on: date).measure(coverageRules: nil).filter(\.isCounty)
                .compactMap { county in county.district.map { ($0, county) } })
        }
        let (now, before) = (try counties(on: period.end), try counties(on: period.previousEnd))
        func hectares(_ area: Double?) -> Double { Rounding.rounded((area ?? 0) / 10_000, 2) }
        let rows = data.units.map { unit -> [FormTable.Cell] in
            let (end, start) = (now[unit.code], before[unit.code])
            return [.text(unit.name)] + Self.greeningFigures(data.figures, unit.code, period)
                + [.number(hectares(end?.greenArea) - hectares(start?.greenArea), 2), .number(hectares(end?.greenArea), 2),
                   .number(hectares(end?.parkArea) - hectares(start?.parkArea), 2), .number(hectares(end?.parkArea), 2),
                   .number(Double(end?.parkCount ?? 0), 0)]
        }
        // Words do not add up; the investment does, over the counties that entered it.
        let total: [FormTable.Cell] = [.text("合计"), .text(""), .text("")] + [3, 4].map { Self.enteredTotal(rows, $0) }
            + (5...8).map { Self.total(rows, $0, decimals: 2) } + [Self.total(rows, 9, decimals: 0)]
        return FormTable(title: title, period: period, headers: Self.greeningHeaders,
                         rows: rows + [total], above: [FormTable.Line("县（市、区）（公章）：", .unit)])
    }

    static let greeningHeaders: [FormTable.Header] = [
        .column("县（市、区）"), .column("国家级、省级创园开展情况"), .column("绿规编制成情况及说明"),
        .group("绿化投资完成情况（单位：万元）", ["本月新增投资量", "本年累计完成投资量"]),
        .group("建成区园林绿地面积（单位：公顷）", ["本月增量", "总计"]),
        .group("公园绿地面积（单位：公顷）", ["本月增量", "总计"]),
        .column("公园个数（个）"),
    ]

    /// A county's entered greening figures: its application and plan status and its investment this
    /// month as entered for the month; 本年累计 the sum of the months of the reporting year it entered
    /// (26 December to the 25th of this month). 未录入 where it entered nothing.
    private static func greeningFigures(_ figures: MonthlyFigures, _ district: String, _ period: ReportingPeriod) -> [FormTable.Cell] {
        func text(_ key: String) -> FormTable.Cell {
            if case let .text(text)? = figures.value(district, period.name, key) { return .text(text) }
            return .text(notEntered)
        }
        let months = (1...period.month).compactMap { month in
            figures.value(district, ReportingPeriod(year: period.year, month: month).name, FigureKey.greeningInvestment)?.number
        }
        let thisMonth = figures.value(district, period.name, FigureKey.greeningInvestment)?.number
        return [text(FigureKey.greeningAward), text(FigureKey.greeningPlan),
                thisMonth.map { .number($0, 2) } ?? .text(notEntered),
                months.isEmpty ? .text(notEntered) : .number(months.reduce(0, +), 2)]
    }

    /// A 合计 of entered figures: the sum of the rows that have one, 未录入 where none has.
    private static func enteredTotal(_ rows: [[FormTable.Cell]], _ column: Int) -> FormTable.Cell {
        let entered = rows.compactMap { $0[column].shown }
        return entered.isEmpty ? .text(notEntered) : .number(entered.reduce(0, +), 2)
    }

    /// 曲靖市保障性安居工程建设进展情况月报表 as the reference lays it out: 1-7合计, the seven kinds of
    /// housing (其中 rows under the public rental housing and the city shanty towns), the rent subsidy;
    /// —— where the form asks nothing. Each cell the sum over the form's counties of what they entered
    /// for the month (the form reports from the year's start: a county enters its figures to date);
    /// 合计 and 小计 add up their rows. 未录入 where nothing is entered.
    private func housing(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        func value(_ row: HousingLayout.Row, _ column: Int) -> Double? {
            if row.summed(column) {
                let parts = row.parts.compactMap(HousingLayout.row).filter { $0.open.contains(column) }.compactMap { value($0, column) }
                return parts.isEmpty ? nil : parts.reduce(0, +)
            }
            let key = HousingLayout.key(row, HousingLayout.columns[column])
            let entered = data.units.compactMap { data.figures.value($0.code, period.name, key)?.number }
            return entered.isEmpty ? nil : entered.reduce(0, +)
        }
        let rows = HousingLayout.rows.map { row -> [FormTable.Cell] in
            [.text(row.label)] + HousingLayout.columns.indices.map { column in
                guard row.open.contains(column) else { return .text("——") }
                let decimals = HousingLayout.columns[column].kind == .amount ? 2 : 0
                return value(row, column).map { .number($0, decimals) } ?? .text(Self.notEntered)
            }
        }
        return FormTable(title: title, period: period, headers: Self.housingHeaders, rows: rows,
                         above: (data.onlyCounty.map { [FormTable.Line("县（市、区）：", .given($0.name))] } ?? [])
                             + [FormTable.Line("盖章：", .unit), FormTable.Line("本表数据截至时间：", .periodEnd), FormTable.Line("填报时间：", .reportDate)],
                         // The original's note 8 gives the city office's contact by name: not copied.
                         notes: ["说明：1、本快报为月报，每月底前汇总上报至曲靖市人居环境提升领导小组办公室，统计期间为年初至本月25日间的累计进展情况。",
                                 "2、本快报统计的项目包括：2016年1月至报告期末新开工项目，往年开工结转到2016年继续施工的续建项目和往年停工2016年复工项目。",
                                 "3、基本建成和竣工按照建保规函﹝2011﹞30号规定的口径进行统计，都指报告期内（年初至月末）发生的量。",
                                 "4、廉租住房和公共租赁住房区分新建改建、购买和长期租赁三种情形。其中，新建改建填写开工、基本建成（竣工）和完成投资情况，购买和长期租赁以签订购买及租赁协议日期计基本建成情况，不填写开工和竣工情况，相应的购买和租赁支出计入完成投资。购买和租赁的住房，签订协议后即视为开工和基本建成（竣工）。",
                                 "5、各类棚户区改造的签订协议户数和安置房建设情况分别统计，互不交叉重复。将保障性住房用作棚户区改造安置住房的，不得重复统计。",
                                 "6、廉租住房租赁补贴发放情况，年度计划发放补贴资金总额填在“年度计划投资”栏，报告期内实际发放的总户数填在“新开工套数”栏，报告期内新增发放的户数填在“竣工套数”栏，同期发放租赁补贴资金支出总额填在“完成投资”栏。",
                                 "7、入住套数：指年初至报告期末，按照当地住宅小区竣工综合验收有关规定，城镇保障性安居工程项目已经过竣工综合验收，住房保障部门或开发建设单位向保障对象办理交付使用手续的套数。"],
                         foot: [FormTable.Line("负责人："), FormTable.Line("填报人：", .preparer), FormTable.Line("联系电话：", .phone)])
    }

    /// The housing form's headers, five rows deep as the reference stacks them.
    static let housingHeaders: [FormTable.Header] = [
        .column("分类指标"), .column("年度计划投资"),
        .nested("2016年1月至报告期末", [
            .nested("棚户区征收情况", [
                .nested("签订征收补偿协议户数", [.column("合计"), .column("其中：新建安置住房安置"),
                                         .group("其中：货币化安置", ["政府收购房源安置", "政府搭桥，居民选购商品房安置", "居民自由支配货币补偿款"])]),
                .column("征收面积"),
            ]),
            .nested("保障性住房（棚户区安置房）建设情况", [
                .group("新开工", ["套数", "其中：改、扩、翻建套数", "面积"]), .group("基本建成", ["套数", "面积"]), .group("竣工", ["套数", "面积"]),
            ]),
            .column("完成投资"), .column("入住套数"),
        ]),
    ]

    private func factories(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        struct Counts { var surveyed = 0, surveyedNow = 0, renovated = 0, renovatedNow = 0
            /// 改造比例: this month's renovations over what remained to renovate when the month began;
            /// none where nothing remained (no sites, or all renovated before).
            var ratio: Double? { let left = surveyed - (renovated - renovatedNow); return left > 0 ? 100 * Double(renovatedNow) / Double(left) : nil }
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
        // 单位排序: the counties with a 改造比例, highest first; equal ratios share a rank. Without a
        // ratio a county has no rank: it had nothing to renovate.
        let ratios = rows.compactMap(\.1.ratio)
        func rank(_ ratio: Double?) -> FormTable.Cell {
            ratio.map { ratio in .number(Double(ratios.filter { $0 > ratio }.count + 1), 0) } ?? .text("")
        }
        func cells(_ name: String, _ counts: Counts, rank: FormTable.Cell) -> [FormTable.Cell] {
            [.text(name), .number(Double(counts.surveyed), 0), .number(Double(counts.surveyedNow), 0),
             .number(Double(counts.renovated), 0), .number(Double(counts.renovatedNow), 0),
             counts.ratio.map { .number($0, 2) } ?? .text(""), rank, .text("")]
        }
        let total = rows.map(\.1).reduce(Counts()) {
            Counts(surveyed: $0.surveyed + $1.surveyed, surveyedNow: $0.surveyedNow + $1.surveyedNow,
                   renovated: $0.renovated + $1.renovated, renovatedNow: $0.renovatedNow + $1.renovatedNow)
        }
        return FormTable(title: title, period: period, headers: [
            .column("州（市）"), .group("“旧厂区”普查", ["累积完成量", "月调查增量"]),
            .group("“旧厂区”改造", ["累积完成量", "月增改造量"]), .column("改造比例（%）"), .column("单位排序"), .column("备注"),
        ], rows: rows.map { cells($0.0, $0.1, rank: rank($0.1.ratio)) } + [cells("合计", total, rank: .text(""))],
        above: [FormTable.Line("州（市）名称："), FormTable.Line("填报单位（盖章）：", .unit)],
        notes: ["注：1.2016年主要任务为旧厂区普查统计；", "2.2017年开始，主要任务为统计改造情况；", "3.改造比例=月改造量/余下总量×100%。"])
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
        ].map(FormTable.Header.column), rows: rows + [[.text(""), .text("合计"), .text("\(indices.count)个"), .text(""), .text(""), .text(""), .text(""),
                          .text(""), .text(""), .text("已竣工\(finished)个")]],
        above: [FormTable.Line("盖章：", .unit), FormTable.Line("本表数据截止时间：", .periodEnd), FormTable.Line("填报时间：", .reportDate)],
        // The original's notes 5 and 6 give the province's and the city's contacts by name: not copied.
        notes: ["注：1.建设进度，填报格式为：未启动、前期、改造中、已竣工；", "2.改造类型，填报格式为：棚户区改造、综合提升改造；",
                "3.改造具体内容，填报格式为：环境综合整治、房屋维修养护、配套设施完善、建筑节能及供热采暖设施改造(可填多项)；",
                "4.计划开始改造时间及计划改造完成时间明确到月。"],
        foot: [FormTable.Line("负责人："), FormTable.Line("填报人：", .preparer), FormTable.Line("联系电话：", .phone)])
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
        ].map(FormTable.Header.column), rows: rows + [row("合计", data.units.map { planned($0.code) }.reduce(0, +),
                             data.villages.filter { $0.county.map(codes.contains) ?? false })])
    }

    /// 云南省旧厂区现状统计表: every site surveyed by the end of the period, in code order, its areas
    /// in 万平方米 to four decimals (a square metre), and the row of their sums: the city's 州（市）汇总,
    /// or, limited to one county, that county's 合计 with its name on the 市（县）名称 line.
    private func register(_ data: ProgrammeInventory, _ period: ReportingPeriod) -> FormTable {
        let layer = data.factoryLayer
        let counties = Set(data.units.map(\.code))
        let sites = layer.features.indices.filter { index in
            data.factories[index].county.map(counties.contains) ?? false
                && (period.byEnd(data.factories[index].surveyed) || data.factories[index].surveyed == nil)
        }.sorted { layer.value("code", at: $0).description < layer.value("code", at: $1).description }
        let text = ["code", "name", "location", "regulatory_plan", "building_description", "production"]
        let areas = ["site_area_m2", "footprint_m2", "floor_area_m2"]
        let rows = sites.map { index -> [FormTable.Cell] in
            text.map { .text(layer.value($0, at: index).description) }
                + areas.map { field in layer.value(field, at: index).doubleValue.map { .number($0 / 10_000, 4) } ?? .text("") }
        }
        let total: [FormTable.Cell] = [.text(data.onlyCounty == nil ? "州（市）汇总" : "合计"), .text("\(sites.count)处")]
            + Array(repeating: .text(""), count: 4)
            + (6..<9).map { Self.total(rows, $0, decimals: 4) }
        return FormTable(title: title, period: period, headers: [
            .column("编号"), .column("厂区名称"), .column("厂房具体位置"), .column("控规是否覆盖"),
            .group("建筑情况描述", ["材料、结构、外观、年份"]), .group("生产情况", ["产品、产量"]),
            .group("厂区总面积", ["万平方米"]), .group("建筑占地面积", ["万平方米"]), .group("总建筑面积", ["万平方米"]),
        ], rows: rows + [total],
        above: [FormTable.Line("市（县）名称：", data.onlyCounty.map { .given($0.name) } ?? .byHand), FormTable.Line("填报单位（盖章）：", .unit)],
        notes: ["填表说明：1.厂房具体位置需在市（县）域卫星图或地形图上标注后附图上报；", "2.统计厂房包括行政范围内的城市和乡村；",
                "3.此表由州（市）住建局、规划局汇总上报。"], isMonthly: false)
    }
}
