import GeoCore

/// A coordinate reference system the service offers (OGC API – Features Part 2): CRS84, the
/// default, longitude then latitude; or the project's own CRS, its coordinates in the order its
/// authority defines (EPSG:4544: northing, then easting), as Part 2 asks.
struct ServedCRS: Equatable {
    let uri: String
    let crs: CRS
    /// Whether coordinates are given north first, where the project stores east first.
    let northFirst: Bool

    static let crs84URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

    static func crs84() throws -> ServedCRS { ServedCRS(uri: crs84URI, crs: try CRS.wgs84, northFirst: false) }

    /// The project's CRS, where it has an EPSG code (a CRS without one is served in CRS84 only).
    static func project(_ crs: CRS) -> ServedCRS? {
        guard let identifier = crs.identifier, identifier.hasPrefix("EPSG:") else { return nil }
        let code = identifier.dropFirst("EPSG:".count)
        return ServedCRS(uri: "http://www.opengis.net/def/crs/EPSG/0/\(code)", crs: crs, northFirst: crs.isNorthFirst)
    }

    /// Those a project's collections are served in: CRS84 first.
    static func offered(for crs: CRS) throws -> [ServedCRS] { [try crs84()] + [project(crs)].compactMap { $0 } }

    /// The CRS a `crs` or `bbox-crs` parameter names: its URI, or the EPSG code for short
    /// (`EPSG:4544`, `[EPSG:4544]`).
    static func named(_ text: String, among offered: [ServedCRS], parameter: String) throws -> ServedCRS {
        let code = text.trimmingCharacters(in: ["[", "]"])
        let match = offered.first { served in
            served.uri == text || (code.hasPrefix("EPSG:") && served.uri.hasSuffix("/EPSG/0/" + code.dropFirst(5)))
                || (served.uri == crs84URI && ["OGC:CRS84", "CRS84"].contains(code))
        }
        guard let match else {
            throw Problem.badRequest("\(parameter): not a CRS this service offers (offered: \(offered.map(\.uri).joined(separator: ", ")))")
        }
        return match
    }

    /// `Content-Crs` names it in angle brackets.
    var header: String { "<\(uri)>" }
}
