import GeoIO

/// One layer of the programme's inventory: its table, what geometry it holds, and its fields, each
/// with the Chinese name planners know it by (stored as the field's alias, which QGIS shows).
public struct LayerSchema: Sendable {
    public struct FieldSpec: Sendable {
        public let field: Field
        public let alias: String
        public let required: Bool
        /// Other column headers the official forms and surveyors use for this field.
        public let headers: [String]
        /// For an area field: square metres per unit when a column's header names no unit (the
        /// factory form gives its areas in 万平方米).
        public let areaUnit: Double?
        /// The values a form allows, where it allows only some.
        public let allowed: [String]
        /// A calendar date, kept as YYYY-MM-DD whatever way it was written.
        public let isDate: Bool
        /// The field whose value this one's may not exceed (of the households to move, no more
        /// sign than there are; of those who sign, no more take cash).
        public let atMost: String?
        /// Its name in a shapefile (ShapefileNames), at most 10 characters.
        public internal(set) var shapefileName: String?
        /// A moment, kept as YYYY-MM-DD HH:MM:SS, or YYYY-MM-DD where only the day is given.
        public let isMoment: Bool
        /// The range a figure must lie in (an inspection's score, 0–100).
        public let range: ClosedRange<Double>?

        init(_ name: String, _ kind: Field.Kind, _ alias: String, required: Bool = false, headers: [String] = [],
             areaUnit: Double? = nil, allowed: [String] = [], isDate: Bool = false, atMost: String? = nil,
             isMoment: Bool = false, range: ClosedRange<Double>? = nil) {
            field = Field(name, kind)
            self.alias = alias
            self.required = required
            self.headers = headers
            self.areaUnit = areaUnit
            self.allowed = allowed
            self.isDate = isDate
            self.atMost = atMost
            self.isMoment = isMoment
            self.range = range
        }

        /// Every header that names this field: its name, its alias, its shapefile name and its name
        /// cut to a shapefile's 10 characters as habitat once wrote it ("boundary_year" →
        /// "boundary_y"), and the forms' other headers.
        var knownHeaders: [String] { [field.name, alias] + ownShortNames + headers }

        /// The names habitat's own shapefiles give the field, which hold its values as habitat keeps them.
        var ownShortNames: [String] { [shapefileName, String(field.name.prefix(10))].compactMap { $0 } }
    }

    public let name: String
    public let title: String
    public let content: GeoPackage.Content
    /// `code`, `name`, `district`, `source`, then the layer's own fields.
    public let fields: [FieldSpec]
    /// The prefix of codes habitat derives for features that come without one.
    public let codePrefix: String
    /// The field whose stated area gives a site surveyed only as a point its approximate footprint
    /// (a circle of that area, `approximate` = 1, the point kept in `point_x`, `point_y`).
    public let footprintArea: String?
    /// The field naming a key area (by its name or code) that places a row without coordinates at
    /// that key area, flagged `approx` = 1; its code goes to `key_area`.
    public let placedByKeyArea: String?

    init(_ name: String, _ title: String, _ content: GeoPackage.Content, codePrefix: String,
         nameRequired: Bool = true, nameHeaders: [String] = [], codeHeaders: [String] = [], footprintArea: String? = nil,
         placedByKeyArea: String? = nil, _ own: [FieldSpec]) {
        self.name = name
        self.title = title
        self.content = content
        self.codePrefix = codePrefix
        self.footprintArea = footprintArea
        self.placedByKeyArea = placedByKeyArea
        var fields = [
            FieldSpec("code", .string, "编号", required: true, headers: ["代码", "编码", "id"] + codeHeaders),
            FieldSpec("name", .string, "名称", required: nameRequired, headers: nameHeaders),
            FieldSpec("district", .string, "行政区划代码", headers: [Self.countyHeader, "县市区", "区县", "县区", "所属县区", "所属区县",
                                                              "所在区县", "区县名称", "行政区", "行政区划", "区划代码"]),
            FieldSpec("source", .string, "来源"),
        ] + own + (footprintArea == nil ? [] : [
            FieldSpec("approximate", .integer, "占地为估算(1/0)"),
            FieldSpec("point_x", .real, "点位X(东坐标)"),
            FieldSpec("point_y", .real, "点位Y(北坐标)"),
        ])
        for index in fields.indices { fields[index].shapefileName = ShapefileNames.table[name]?[fields[index].field.name] }
        self.fields = fields
    }

    /// The official forms' county column, which holds names (罗平县) rather than codes.
    static let countyHeader = "县（市、区）"

    /// Whether the layer's features may arrive as points: a polygon layer takes them only as the
    /// footprint their stated area gives them.
    public var takesPoints: Bool { content != .polygons || footprintArea != nil }

    /// The position of the `footprintArea` field among `fields`, where the layer has one.
    var footprintAreaIndex: Int? { footprintArea.flatMap { fieldNames.firstIndex(of: $0) } }

    public var fieldNames: [String] { fields.map(\.field.name) }

    public var aliases: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.field.name, $0.alias) })
    }

    /// Every layer of a project, in the order `habitat init` creates them.
    public static let all: [LayerSchema] = [
        LayerSchema("districts", "行政区", .polygons, codePrefix: "D", nameHeaders: ["行政区名称", "区县名称"], []),
        LayerSchema("built_up_areas", "建成区", .polygons, codePrefix: "B", nameHeaders: ["建成区名称"], [
            FieldSpec("population", .integer, "城区人口", headers: ["城区常住人口"]),
            FieldSpec("central_city", .integer, "中心城区(1/0)"),
            FieldSpec("boundary_year", .integer, "边界年份"),
            FieldSpec("historic_share", .real, "历史文化街区占比"),
        ]),
        // A park from a list of points (Amap's) states its area; area_m2 is then its footprint's,
        // the same figure. A park with an outline has the outline's area, whatever a column says.
        LayerSchema("parks", "公园绿地", .polygons, codePrefix: "P", nameHeaders: ["公园名称", "绿地名称"], footprintArea: "area_m2", [
            FieldSpec("class", .string, "类别(G11/G12/G13/G14)", headers: ["用地代码", "用地类别", "绿地类别", "公园类别"]),
            FieldSpec("opened", .string, "建成开放日期", headers: ["建成时间", "建成日期", "开放时间", "开放日期"], isDate: true),
            FieldSpec("area_m2", .real, "面积(平方米)", headers: ["占地面积", "公园面积", "绿地面积", "用地面积"], areaUnit: 1),
        ]),
        LayerSchema("green_spaces", "其他绿地", .polygons, codePrefix: "G", nameHeaders: ["绿地名称"], [
            FieldSpec("class", .string, "类别(G2/G3/XG/EG)", headers: ["用地代码", "用地类别", "绿地类别"]),
            FieldSpec("subclass", .string, "小类"),
            FieldSpec("counts_toward_ratio", .integer, "计入绿地率(1/0)"),
            FieldSpec("opened", .string, "建成日期", headers: ["建成时间"], isDate: true),
        ]),
        LayerSchema("canopy", "绿化覆盖", .polygons, codePrefix: "C", nameRequired: false, [
            FieldSpec("kind", .string, "类型(乔木/灌木/草地/屋顶绿化)", headers: ["植被类型"]),
        ]),
        LayerSchema("residential", "居住用地", .polygons, codePrefix: "R", nameRequired: false, nameHeaders: ["小区名称", "地块名称"], [
            FieldSpec("population", .integer, "人口", headers: ["居住人口"]),
        ]),
        // 旧住宅区改造情况月报表
        LayerSchema("old_residential", "旧住宅区", .anyGeometry, codePrefix: "OR", nameHeaders: ["旧住宅区名称", "小区名称"], [
            FieldSpec("address", .string, "地址", headers: ["具体地址"]),
            FieldSpec("built", .string, "建设时间", headers: ["建成时间", "建设年代", "建成年代"]),
            FieldSpec("renovation_type", .string, "改造类型", allowed: ["棚户区改造", "综合提升改造"]),
            FieldSpec("renovation_content", .string, "改造具体内容"),
            FieldSpec("planned_start", .string, "计划开始改造年度", headers: ["计划开始改造时间"]),
            FieldSpec("planned_end", .string, "计划改造完成年度", headers: ["计划改造完成时间"]),
            FieldSpec("progress", .string, "总体建设进度", headers: ["建设进度", "进度"], allowed: ["未启动", "前期", "改造中", "已竣工"]),
            FieldSpec("households", .integer, "户数", headers: ["改造户数"]),
            FieldSpec("completed", .string, "竣工日期", headers: ["竣工时间", "完成日期", "完成时间"], isDate: true),
        ]),
        LayerSchema("urban_villages", "城中村", .anyGeometry, codePrefix: "UV", nameHeaders: ["城中村名称", "村名"], [
            FieldSpec("households", .integer, "改造户数", headers: ["户数"]),
            FieldSpec("plan_year", .integer, "计划改造年度", headers: ["改造年度"]),
            FieldSpec("signed_households", .integer, "签约户数", headers: ["签订征收补偿协议户数", "签订协议户数"], atMost: "households"),
            FieldSpec("cash_resettled", .integer, "货币化安置户数", atMost: "signed_households"),
            FieldSpec("status", .string, "进度", headers: ["状态", "建设进度"]),
            FieldSpec("completed", .string, "改造完成日期", headers: ["完成日期", "完成时间"], isDate: true),
        ]),
        // 云南省旧厂区现状统计表, with the renovation class and progress the monthly form tracks.
        LayerSchema("old_factories", "旧厂区", .anyGeometry, codePrefix: "F", nameHeaders: ["厂区名称"], footprintArea: "site_area_m2", [
            FieldSpec("location", .string, "厂房具体位置", headers: ["具体位置", "位置"]),
            FieldSpec("regulatory_plan", .string, "控规是否覆盖", allowed: ["是", "否"]),
            FieldSpec("building_description", .string, "建筑情况描述"),
            FieldSpec("production", .string, "生产情况"),
            FieldSpec("site_area_m2", .real, "厂区总面积(平方米)", areaUnit: 10_000),
            FieldSpec("footprint_m2", .real, "建筑占地面积(平方米)", areaUnit: 10_000),
            FieldSpec("floor_area_m2", .real, "总建筑面积(平方米)", areaUnit: 10_000),
            FieldSpec("category", .string, "改造类别", headers: ["类别"], allowed: ["用地变更类", "拆旧建新类", "改造提升类"]),
            FieldSpec("surveyed", .string, "调查日期", headers: ["调查时间"], isDate: true),
            FieldSpec("status", .string, "改造进度", headers: ["进度", "状态"]),
            FieldSpec("completed", .string, "改造完成日期", headers: ["完成日期", "完成时间"], isDate: true),
        ]),
        // 治乱治脏: the key areas, the cases of disorder and dirt, the inspections of key areas, and the
        // unit grid (单元网格) the cases are assigned to. Field names fit a shapefile's 10 characters.
        LayerSchema("key_areas", "重点区域", .anyGeometry, codePrefix: "KA", nameHeaders: ["区域名称", "重点区域名称"], [
            FieldSpec("area_type", .string, "区域类型", required: true, headers: ["重点区域类型", "类型", "区域类别"],
                      allowed: Disorder.areaTypes),
        ]),
        LayerSchema("incidents", "乱点案件", .anyGeometry, codePrefix: "IC", nameRequired: false,
                    codeHeaders: ["工单编号", "工单号", "案件编号"], placedByKeyArea: "address", [
            FieldSpec("kind", .string, "问题类型", required: true, headers: ["问题类别", "问题分类", "案件类型", "案件类别", "诉求类型"],
                      allowed: Disorder.kinds),
            FieldSpec("area_type", .string, "区域类型", headers: ["重点区域类型"], allowed: Disorder.areaTypes),
            FieldSpec("descr", .string, "诉求内容", headers: ["问题描述", "案件描述", "描述", "内容"]),
            FieldSpec("address", .string, "地址", headers: ["事发地址", "问题地址", "事发地点", "地点"]),
            FieldSpec("channel", .string, "来源渠道", headers: ["受理渠道", "渠道", "案件来源", "问题来源"], allowed: Disorder.channels),
            FieldSpec("reported", .string, "受理时间", required: true, headers: ["上报时间", "受理日期", "立案时间", "发现时间"], isMoment: true),
            FieldSpec("deadline", .string, "处置时限", headers: ["整改期限", "限办日期", "截止时间"], isMoment: true),
            FieldSpec("resolved", .string, "处置时间", headers: ["处置完成时间", "整改完成时间"], isMoment: true),
            FieldSpec("closed", .string, "办结时间", headers: ["结案时间", "核查结案时间", "办结日期"], isMoment: true),
            FieldSpec("key_area", .string, "重点区域编号", headers: ["重点区域"]),
            FieldSpec("grid_cell", .string, "单元网格", headers: ["网格编号", "网格"]),
            FieldSpec("approx", .integer, "位置为估算(1/0)"),
        ]),
        LayerSchema("inspections", "重点区域检查", .anyGeometry, codePrefix: "IN", nameRequired: false,
                    codeHeaders: ["检查编号"], placedByKeyArea: "key_area", [
            FieldSpec("key_area", .string, "重点区域", required: true, headers: ["重点区域编号", "区域编号", "检查区域", "区域名称"]),
            FieldSpec("inspected", .string, "检查日期", required: true, headers: ["检查时间", "日期"], isDate: true),
            FieldSpec("method", .string, "检查方式", required: true, headers: ["方式", "检查类型"], allowed: Disorder.inspectionMethods),
            FieldSpec("score", .real, "得分", required: true, headers: ["分数", "测评得分", "评分"], range: 0...100),
            FieldSpec("problems", .integer, "发现问题数", headers: ["问题数", "发现问题"]),
            FieldSpec("approx", .integer, "位置为估算(1/0)"),
        ]),
        LayerSchema("grid_cells", "单元网格", .polygons, codePrefix: "GC", nameRequired: false, [
            FieldSpec("built_up", .string, "建成区编号"),
            FieldSpec("cell_m", .real, "网格边长(米)"),
            FieldSpec("area_m2", .real, "面积(平方米)"),
        ]),
    ]

    public static func named(_ name: String) throws -> LayerSchema {
        guard let schema = all.first(where: { $0.name == name }) else {
            throw InventoryError.unknownLayer(name, known: all.map(\.name))
        }
        return schema
    }
}
