/// Where a layer's coordinates are: a CRS PROJ knows, or WGS 84 shifted by a Chinese web map.
public enum CoordinateSystem: Sendable, Hashable, CustomStringConvertible {
    case crs(CRS)
    case webMap(WebMapOffset)

    /// Reads "gcj02" / "GCJ-02", "bd09" / "BD-09", or anything `CRS` accepts.
    public init(parsing text: String) throws {
        let folded = text.lowercased().replacingOccurrences(of: "-", with: "")
        if let offset = WebMapOffset(rawValue: folded) {
            self = .webMap(offset)
        } else {
            self = .crs(try CRS(text))
        }
    }

    /// The CRS in which PROJ sees the coordinates once any web-map offset is removed.
    public var base: CRS {
        get throws {
            switch self {
            case let .crs(crs): crs
            case .webMap: try CRS.wgs84
            }
        }
    }

    public var description: String {
        switch self {
        case let .crs(crs): crs.description
        case .webMap(.gcj02): "GCJ-02"
        case .webMap(.bd09): "BD-09"
        }
    }
}
