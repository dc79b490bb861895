import Foundation
import GeoCore
import GeoIO

/// The CGCS2000 3° Gauss-Krüger zone of coordinates given without a CRS (a survey's X/Y columns,
/// a CAD drawing): from the zone number written before the easting, or else the one zone near the
/// project that puts them inside it.
///
/// CGCS2000 3° zones 25–45 (central meridians 75°–135°E) are EPSG:4513–4533 with the zone in the
/// easting and EPSG:4534–4554 without.
struct GaussKrugerZone {
    let projectCRS: CRS
    /// Where the project's data lies (its districts and built-up areas), in the project CRS.
    let projectExtent: Envelope?

    /// A Gauss-Krüger or UTM northing in China has 7 digits, an easting 6, or 8 with the zone
    /// number in front.
    static func isNorthing(_ value: Double) -> Bool { (1_000_000..<10_000_000).contains(value) }
    static func isEasting(_ value: Double) -> Bool { (100_000..<1_000_000).contains(value) || (10_000_000..<100_000_000).contains(value) }

    /// Why the zone could not be told, in words that end by saying what to give instead.
    struct Untold: Error {
        let reason: String
        let advice: String
    }

    /// The zone of `point` (easting first), whose easting is `easting`; `option` is how the user
    /// would declare a CRS instead.
    func crs(of point: Geometry, easting: Double, option: String) throws -> CRS {
        if easting >= 10_000_000 {
            let zone = Int(easting / 1_000_000)
            guard (25...45).contains(zone) else {
                throw Untold(reason: "zone \(zone) in the easting \(easting) is not a 3° Gauss-Krüger zone of China (25–45)",
                             advice: "give \(option)")
            }
            return try CRS("EPSG:\(4513 + zone - 25)")
        }
        // No zone in the easting: of the zones around the project, the one that puts the point inside it.
        let candidates = try nearbyZones().map { try CRS("EPSG:\(4534 + $0 - 25)") }
        let fitting = candidates.filter { zone in
            guard let extent = projectExtent,
                  let projected = try? Transformer.forThisThread(from: .crs(zone), to: projectCRS).transform(point).envelope
            else { return false }
            return extent.contains(projected)
        }
        guard fitting.count == 1 else {
            throw Untold(reason: "the easting \(easting) does not tell its Gauss-Krüger zone"
                         + (projectExtent == nil ? " (the project has no districts or built-up areas to tell it by)" : ""),
                         advice: "give \(option) " + (candidates.isEmpty ? "with the zone's code (EPSG:4534–4554)"
                                                      : candidates.map(\.description).joined(separator: " or "))
                             + ", or write the zone before the easting")
        }
        return fitting[0]
    }

    /// The 3° zones whose central meridians are nearest the project's middle longitude (the
    /// zone it lies in and its two neighbours).
    private func nearbyZones() throws -> [Int] {
        guard let extent = projectExtent else { return [] }
        let middle = try Transformer.forThisThread(from: .crs(projectCRS), to: CRS.wgs84)
            .transform(x: (extent.minX + extent.maxX) / 2, y: (extent.minY + extent.maxY) / 2)
        let zone = Int((middle.x / 3).rounded())
        return [zone - 1, zone, zone + 1].filter { (25...45).contains($0) }
    }

    /// The coordinate system of a file that states none: `declared` if given, else the zone of its
    /// coordinates when they are plainly Gauss-Krüger metres (a drawing's middle is placed).
    func system(of path: String, extent: Envelope?, declared: CoordinateSystem?, option: String) throws -> CoordinateSystem {
        if let declared { return declared }
        let file = (path as NSString).lastPathComponent
        guard let extent, Self.isEasting(extent.minX), Self.isEasting(extent.maxX),
              Self.isNorthing(extent.minY), Self.isNorthing(extent.maxY) else {
            throw InventoryError.undeclaredCRS(file, option: option)
        }
        let middle = try Geometry(wkt: "POINT(\((extent.minX + extent.maxX) / 2) \((extent.minY + extent.maxY) / 2))")
        do {
            return .crs(try crs(of: middle, easting: extent.minX, option: option))
        } catch let untold as Untold {
            throw InventoryError.undeclaredCRS(file, option: option, zone: "\(untold.reason); \(untold.advice)")
        }
    }
}
