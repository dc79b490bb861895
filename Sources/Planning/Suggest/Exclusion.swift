/// Why a candidate was left out.
public enum Exclusion: Sendable, Equatable, CustomStringConvertible {
    case pointWithoutFootprint
    case classNotAsked(String)
    case belowMinimumArea(area: Double, minimum: Double)
    case tooSmall(area: Double, smallest: Double)
    /// Is, or overlaps, a park that counts already (named by its code, or its position).
    case alreadyAPark(String)
    case outsideBuiltUpAreas
    /// Overlaps a site chosen before it (its code): one piece of land becomes one park.
    case overlapsChosenSite(String)

    public var description: String {
        switch self {
        case .pointWithoutFootprint: "a point without a footprint"
        case let .classNotAsked(siteClass): "class \(siteClass.isEmpty ? "(none)" : siteClass) not asked for"
        case let .belowMinimumArea(area, minimum): "\(Self.number(area)) m², below --min-area \(Self.number(minimum)) m²"
        case let .tooSmall(area, smallest): "too small for any rule: \(Self.number(area)) m² < \(Self.number(smallest)) m²"
        case let .alreadyAPark(park): "already a park: overlaps counted park \(park)"
        case .outsideBuiltUpAreas: "outside every built-up area"
        case let .overlapsChosenSite(code): "overlaps chosen site \(code)"
        }
    }

    /// A short key for programs: excluded.csv's `reason` column and suggestions.json.
    public var key: String {
        switch self {
        case .pointWithoutFootprint: "point_without_footprint"
        case .classNotAsked: "class_not_asked"
        case .belowMinimumArea: "below_min_area"
        case .tooSmall: "too_small"
        case .alreadyAPark: "already_a_park"
        case .outsideBuiltUpAreas: "outside_built_up_areas"
        case .overlapsChosenSite: "overlaps_chosen_site"
        }
    }

    private static func number(_ value: Double) -> String { Rounding.text(value, 0) }
}

// A screening result is a site or the reason there is none.
extension Exclusion: Error {}
