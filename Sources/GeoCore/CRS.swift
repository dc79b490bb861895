import CPROJ

/// A coordinate reference system as PROJ understands it: an EPSG code ("EPSG:4544"), WKT, PROJJSON
/// or a PROJ string. A plain value: PROJ objects are made from `definition` on the thread that needs them.
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// The text PROJ accepted.
    public let definition: String
    public let name: String
    /// "EPSG:4544" where the CRS carries an identifier.
    public let identifier: String?
    public let isGeographic: Bool
    /// Metres per unit of the first axis of a projected CRS; nil for a geographic one.
    public let metresPerUnit: Double?
    /// Where the CRS is meant to be used, in degrees of longitude and latitude.
    public let areaOfUse: Envelope?
    /// Whether its authority orders the coordinates northing (latitude) first, as EPSG does for
    /// EPSG:4326 and the Chinese Gauss-Krüger CRSs; habitat itself always keeps easting first.
    public let isNorthFirst: Bool

    public init(_ definition: String) throws {
        // A PROJ string names a CRS only with +type=crs; people leave it out.
        let definition = definition.hasPrefix("+proj") && !definition.contains("+type=crs")
            ? definition + " +type=crs" : definition
        let context = PROJContext.current.handle
        guard let pj = proj_create(context, definition) else {
            throw CRSError.unknown(definition, reason: PROJContext.current.lastError)
        }
        defer { proj_destroy(pj) }
        guard proj_is_crs(pj) == 1 else { throw CRSError.unknown(definition, reason: "not a coordinate reference system") }
        self.definition = definition
        name = proj_get_name(pj).map { String(cString: $0) } ?? definition
        if let authority = proj_get_id_auth_name(pj, 0), let code = proj_get_id_code(pj, 0) {
            identifier = "\(String(cString: authority)):\(String(cString: code))"
        } else {
            identifier = nil
        }
        let type = proj_get_type(pj)
        isGeographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        metresPerUnit = isGeographic ? nil : CRS.unitFactor(pj, context)
        isNorthFirst = ["north", "south"].contains(CRS.firstAxisDirection(pj, context)?.lowercased())
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        if proj_get_area_of_use(context, pj, &west, &south, &east, &north, nil) == 1, west > -1000 {
            areaOfUse = Envelope(minX: west, minY: south, maxX: east, maxY: north)
        } else {
            areaOfUse = nil
        }
    }

    /// Whether lengths and areas can be measured in it directly: projected, in metres.
    public var isProjectedInMetres: Bool {
        !isGeographic && metresPerUnit.map { abs($0 - 1) < 1e-9 } == true
    }

    /// WGS 84 longitude and latitude, the CRS of GeoJSON.
    public static var wgs84: CRS { get throws { try wgs84Lookup.get() } }

    /// Looked up in PROJ's database once.
    private static let wgs84Lookup = Result { try CRS("EPSG:4326") }

    public var description: String { identifier ?? name }

    private static func firstAxisDirection(_ pj: OpaquePointer, _ context: OpaquePointer) -> String? {
        guard let system = proj_crs_get_coordinate_system(context, pj) else { return nil }
        defer { proj_destroy(system) }
        var direction: UnsafePointer<CChar>?
        guard proj_cs_get_axis_info(context, system, 0, nil, nil, &direction, nil, nil, nil, nil) == 1 else { return nil }
        return direction.map { String(cString: $0) }
    }

    private static func unitFactor(_ pj: OpaquePointer, _ context: OpaquePointer) -> Double? {
        guard let system = proj_crs_get_coordinate_system(context, pj) else { return nil }
        defer { proj_destroy(system) }
        var factor = 0.0
        guard proj_cs_get_axis_info(context, system, 0, nil, nil, nil, &factor, nil, nil, nil) == 1 else { return nil }
        return factor
    }
}

public enum CRSError: Error, Equatable, CustomStringConvertible {
    case unknown(String, reason: String)

    public var description: String {
        switch self {
        case let .unknown(definition, reason):
            "unknown coordinate reference system '\(definition)' (\(reason)); give an EPSG code such as EPSG:4544, WKT or a PROJ string"
        }
    }
}
