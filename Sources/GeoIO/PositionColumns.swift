import GeoCore

/// Two columns that give a feature's position in a table: its point, or for a line or polygon a
/// point on it (GEOS's point on surface), in the coordinate system written.
public struct PositionColumns: Sendable {
    /// The columns' headers, in their order.
    public let headers: (String, String)
    /// Whether the first column holds the northing (latitude): Chinese surveyors' X.
    public let northFirst: Bool
    /// Decimals kept: 0.1 mm either way, so that a value reads as a person would write it.
    let decimals: Double

    /// 经度 and 纬度, longitude first, to 9 decimals; `note` (the web map's name, say) is added to
    /// both headers in brackets, which an import reading the headers passes over.
    public static func degrees(note: String? = nil) -> PositionColumns {
        let bracket = note.map { "(\($0))" } ?? ""
        return PositionColumns(headers: ("经度" + bracket, "纬度" + bracket), northFirst: false, decimals: 1e9)
    }

    /// X (北坐标, the northing) and Y (东坐标, the easting), to 4 decimals of a metre.
    public static let surveyXY = PositionColumns(headers: ("X(北坐标)", "Y(东坐标)"), northFirst: true, decimals: 1e4)

    /// The columns' values for a geometry already in the coordinate system written.
    func values(_ geometry: Geometry?) throws -> [AttributeValue] {
        guard let geometry, !geometry.isEmpty else { return [.null, .null] }
        let point = try geometry.kind == .point ? geometry : geometry.pointOnSurface()
        let xy = point.coordinates
        let (first, second) = northFirst ? (xy[1], xy[0]) : (xy[0], xy[1])
        return [first, second].map { .real(($0 * decimals).rounded() / decimals) }
    }
}
