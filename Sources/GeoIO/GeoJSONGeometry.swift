import CGDAL
import GeoCore

/// A GeoJSON geometry object (RFC 7946) as GEOS geometry, read by GDAL's own GeoJSON reader.
public enum GeoJSONGeometry {
    /// `json`, one geometry object; `swapAxes` for coordinates given north first (a CRS whose
    /// authority orders them so), where GEOS keeps east first. `source` names it in messages.
    public static func parse(_ json: String, swapAxes: Bool = false, source: String = "geometry") throws -> Geometry {
        GDAL.ready
        CPLErrorReset()
        guard let geometry = OGR_G_CreateGeometryFromJson(json) else {
            throw GeoIOError.unreadable(source, reason: "not a GeoJSON geometry: \(GDAL.lastError)")
        }
        defer { OGR_G_DestroyGeometry(geometry) }
        if swapAxes { OGR_G_SwapXY(geometry) }
        return try VectorReader.readGeometry(geometry, path: source, index: 0)
    }
}
