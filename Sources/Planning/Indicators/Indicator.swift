/// The green-space indicators of DOMAIN.md, each for one built-up area or county.
public enum Indicator: String, CaseIterable, Sendable, Codable {
    /// 建成区绿地率: urban green land (parks and the green spaces that count) / built-up area.
    case greenSpaceRatio = "green_space_ratio"
    /// 建成区绿化覆盖率: vertical projection of all vegetation / built-up area.
    case greenCoverage = "green_coverage"
    /// 人均公园绿地面积: park green land (G1) / urban population.
    case parkAreaPerPerson = "park_area_per_person"
    /// 人均综合公园: comprehensive parks (G11) / urban population.
    case comprehensiveParkPerPerson = "comprehensive_park_per_person"
    /// 人均社区公园: community parks (G12) / urban population.
    case communityParkPerPerson = "community_park_per_person"
    /// 公园绿地服务半径覆盖率: residential land within a park's reach / all residential land.
    case parkCoverage = "park_coverage"

    public var chineseName: String {
        switch self {
        case .greenSpaceRatio: "建成区绿地率"
        case .greenCoverage: "建成区绿化覆盖率"
        case .parkAreaPerPerson: "人均公园绿地面积"
        case .comprehensiveParkPerPerson: "人均综合公园面积"
        case .communityParkPerPerson: "人均社区公园面积"
        case .parkCoverage: "公园绿地服务半径覆盖率"
        }
    }

    public var unit: String { isPerPerson ? "m²/person" : "%" }

    var isPerPerson: Bool {
        self == .parkAreaPerPerson || self == .comprehensiveParkPerPerson || self == .communityParkPerPerson
    }

    /// What more of, in plain words, closes a gap in this indicator.
    var landNeeded: String {
        switch self {
        case .greenSpaceRatio: "green land"
        case .greenCoverage: "vegetation cover"
        case .parkAreaPerPerson: "park land"
        case .comprehensiveParkPerPerson: "comprehensive park land"
        case .communityParkPerPerson: "community park land"
        case .parkCoverage: "residential land within reach"
        }
    }
}
