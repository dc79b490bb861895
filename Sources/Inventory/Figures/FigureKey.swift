/// A figure a county enters each month for a form, where the inventory cannot count it: the
/// greening form's application and plan status and its green investment, and the cells of the
/// 曲靖市保障性安居工程建设进展情况月报表. Keys are English and stable ("greening.investment_month",
/// "housing.shantytown.started_units"); the Chinese name is the form's wording.
public struct FigureKey: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Words, such as 已申报省级园林城市.
        case text
        /// A whole number of households or dwellings, never negative.
        case count
        /// An amount (万元, 平方米) to two decimals, never negative.
        case amount
    }

    public let key: String
    public let name: String
    public let kind: Kind
    public let unit: String

    public var decimals: Int { kind == .amount ? 2 : 0 }

    /// Every figure of every form, greening's first and then the housing form's row by row.
    public static let all: [FigureKey] = greening + HousingLayout.rows.flatMap { row in
        row.entered.map { column in
            FigureKey(key: HousingLayout.key(row, column), name: "\(row.label) \(column.name)", kind: column.kind, unit: column.unit)
        }
    }

    public static let greening: [FigureKey] = [
        FigureKey(key: greeningAward, name: "国家级、省级创园开展情况", kind: .text, unit: ""),
        FigureKey(key: greeningPlan, name: "绿规编制成情况及说明", kind: .text, unit: ""),
        FigureKey(key: greeningInvestment, name: "绿化投资完成情况 本月新增投资量", kind: .amount, unit: "万元"),
    ]
    public static let greeningAward = "greening.award_status"
    public static let greeningPlan = "greening.plan_status"
    /// 本年累计完成投资量 is not entered: it is the sum of the months of the reporting year.
    public static let greeningInvestment = "greening.investment_month"

    public static func named(_ key: String) -> FigureKey? { all.first { $0.key == key } }
}

/// The rows and columns of the 曲靖市保障性安居工程建设进展情况月报表 as the reference prints them:
/// which cells a county fills, which are not asked (——), and which add up other rows (1-7合计, and
/// 1、公共租赁住房小计 where its three kinds fill the column).
public enum HousingLayout {
    public struct Column: Sendable, Hashable {
        public let key: String
        public let name: String
        public let kind: FigureKey.Kind
        public let unit: String
    }

    public struct Row: Sendable, Hashable {
        public let key: String
        public let label: String
        /// The columns (by index into `columns`) the row has a cell in; the others print ——.
        public let open: [Int]
        /// The rows it adds up, where they fill a column.
        public let parts: [String]

        /// The columns a county fills: open, and not added up from its parts.
        public var entered: [Column] {
            open.filter { !summed($0) }.map { HousingLayout.columns[$0] }
        }

        /// Whether the row's cell in `column` is the sum of its parts' cells.
        public func summed(_ column: Int) -> Bool {
            parts.contains { part in HousingLayout.row(part)?.open.contains(column) ?? false }
        }
    }

    public static let columns: [Column] = [
        Column(key: "plan_investment", name: "年度计划投资", kind: .amount, unit: "万元"),
        Column(key: "agreements", name: "签订征收补偿协议户数 合计", kind: .count, unit: "户"),
        Column(key: "agreements_new_housing", name: "签订征收补偿协议户数 其中：新建安置住房安置", kind: .count, unit: "户"),
        Column(key: "agreements_bought", name: "货币化安置 政府收购房源安置", kind: .count, unit: "户"),
        Column(key: "agreements_brokered", name: "货币化安置 政府搭桥，居民选购商品房安置", kind: .count, unit: "户"),
        Column(key: "agreements_free_cash", name: "货币化安置 居民自由支配货币补偿款", kind: .count, unit: "户"),
        Column(key: "expropriated_area", name: "征收面积", kind: .amount, unit: "平方米"),
        Column(key: "started_units", name: "新开工 套数", kind: .count, unit: "套"),
        Column(key: "started_rebuilt_units", name: "新开工 其中：改、扩、翻建套数", kind: .count, unit: "套"),
        Column(key: "started_area", name: "新开工 面积", kind: .amount, unit: "平方米"),
        Column(key: "basic_units", name: "基本建成 套数", kind: .count, unit: "套"),
        Column(key: "basic_area", name: "基本建成 面积", kind: .amount, unit: "平方米"),
        Column(key: "completed_units", name: "竣工 套数", kind: .count, unit: "套"),
        Column(key: "completed_area", name: "竣工 面积", kind: .amount, unit: "平方米"),
        Column(key: "investment", name: "完成投资", kind: .amount, unit: "万元"),
        Column(key: "occupied_units", name: "入住套数", kind: .count, unit: "套"),
    ]

    /// Rows 2 and 3 and the rental subtotal: investment, starts (not the rebuilt ones), completions, occupancy.
    private static let rental = [0, 7] + Array(9...15)
    private static let everything = Array(0...15)

    public static let rows: [Row] = [
        Row(key: "total", label: "1-7合计", open: everything,
            parts: ["public_rental", "affordable", "price_capped", "shantytown", "mining", "forest", "reclamation"]),
        Row(key: "public_rental", label: "1、公共租赁住房小计", open: rental, parts: ["public_rental_built", "public_rental_bought", "public_rental_leased"]),
        Row(key: "public_rental_built", label: "其中：新建改建", open: [7] + Array(9...15), parts: []),
        // Bought and leased dwellings count as basically complete when the agreement is signed (说明 4).
        Row(key: "public_rental_bought", label: "购买", open: [10, 11, 14, 15], parts: []),
        Row(key: "public_rental_leased", label: "长期租赁", open: [10, 11, 14, 15], parts: []),
        Row(key: "affordable", label: "2、经济适用住房", open: rental, parts: []),
        Row(key: "price_capped", label: "3、限价商品住房", open: rental, parts: []),
        Row(key: "shantytown", label: "4、城市棚户区", open: everything, parts: []),
        Row(key: "urban_village", label: "其中：城中村", open: everything, parts: []),
        Row(key: "mining", label: "5、国有工矿棚户区", open: everything, parts: []),
        Row(key: "forest", label: "6、国有林区棚户区", open: everything, parts: []),
        Row(key: "reclamation", label: "7、国有垦区危房", open: everything, parts: []),
        // 说明 6: the year's subsidy budget, households paid to date, households newly paid, and the money paid.
        Row(key: "rent_subsidy", label: "廉租住房租赁补贴", open: [0, 7, 12, 14], parts: []),
    ]

    public static func row(_ key: String) -> Row? { rows.first { $0.key == key } }

    /// The form's 其中 cells, each group of parts with the cell they are part of: together they may
    /// not exceed it. Within every row: the kinds of resettlement of the agreements signed, and the
    /// rebuilt dwellings of those started; and 其中：城中村 of 4、城市棚户区, column by column.
    public static let partsOfWholes: [(whole: String, parts: [String])] = {
        let withinRows = rows.flatMap { row -> [(whole: String, parts: [String])] in
            let open = Set(row.entered.map(\.key))
            let groups = [("agreements", ["agreements_new_housing", "agreements_bought", "agreements_brokered", "agreements_free_cash"]),
                          ("started_units", ["started_rebuilt_units"])]
            return groups.filter { open.contains($0.0) }.map { whole, parts in
                ("housing.\(row.key).\(whole)", parts.filter(open.contains).map { "housing.\(row.key).\($0)" })
            }
        }
        let villages = row("urban_village")!.entered.map { column in
            ("housing.shantytown.\(column.key)", ["housing.urban_village.\(column.key)"])
        }
        return withinRows + villages
    }()

    public static func key(_ row: Row, _ column: Column) -> String { "housing.\(row.key).\(column.key)" }
}
