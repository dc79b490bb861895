import GeoCore

/// Two columns that give a feature's position in a table: its point, or for a line or polygon a
/// point on it (GEOS's point on surface), in the coordinate system written.
public struct PositionColumns: Sendable {
    /// The columns' headers: the easting's (longitude's), then the northing's (latitude's).
    public let headers: (String, String)
    /// The values are rounded to 1/scale of a unit: 0.1 mm either way (1e9 for degrees, 1e4 for
    /// metres), so that a value reads as a person would write it.
    let scale: Double

    /// 经度 and 纬度, longitude first, to 9 decimals; `note` (the web map's name, say) is added to
    /// both headers in brackets, which an import reading the headers passes over.
    public static func degrees(note: String? = nil) -> PositionColumns {
        let bracket = note.map { "(\($0))" } ?? ""
        return PositionColumns(headers: ("经度" + bracket, "纬度" + bracket), scale: 1e9)
    }

    /// X (东坐标, the easting) and Y (北坐标, the northing) as the layers' point_x and point_y name
    /// them, to 4 decimals of a metre.
    public static let projectXY = PositionColumns(headers: ("X(东坐标)", "Y(北坐标)"), scale: 1e4)

    /// The columns' values for a geometry already in the coordinate system written.
    func values(_ geometry: Geometry?) throws -> [AttributeValue] {
        guard let geometry, !geometry.isEmpty else { return [.null, .null] }
        let point = try geometry.kind == .point ? geometry : geometry.pointOnSurface()
        return point.coordinates.prefix(2).map { .real(($0 * scale).rounded() / scale) }
    }
}
