import Foundation

/// Tells whether coordinates lie where their CRS, and the CRS they are going to, are meant to be
/// used. Catches latitude and longitude given the wrong way round, a wrong EPSG code, and data far
/// from the analysis CRS (whose areas and distances would be distorted).
public struct AreaOfUseCheck {
    private let source: CoordinateSystem
    /// The source's CRS without its web-map offset.
    private let base: CRS
    private let target: CRS
    private let toDegrees: Transformer
    /// Back from degrees into a projected source: PROJ wraps a longitude rather than fail, so a
    /// point beyond the projection's range (x = 1e16 in Web Mercator) only shows by not returning.
    private let fromDegrees: Transformer?

    /// How far outside a CRS's stated area data may lie: Gauss-Krüger zones are routinely used a
    /// degree or so beyond their 3° strip, as DOMAIN.md's EPSG:4544-for-all-Qujing is.
    public static let margin = 2.0

    public init(source: CoordinateSystem, target: CRS) throws {
        self.source = source
        self.target = target
        toDegrees = try Transformer.forThisThread(from: source, to: CRS.wgs84)
        base = try source.base
        fromDegrees = base.isGeographic ? nil : try Transformer.forThisThread(from: .crs(CRS.wgs84), to: base)
    }

    /// Nil when the envelope's corners lie within both areas of use, otherwise what is wrong.
    public func problem(with envelope: Envelope) -> String? {
        if base.isGeographic, let swapped = latitudeProblem(envelope) { return swapped }
        for (x, y) in [(envelope.minX, envelope.minY), (envelope.maxX, envelope.maxY)] {
            guard let degrees = try? toDegrees.transform(x: x, y: y), returns(to: (x, y), from: degrees) else {
                return "the point (\(x), \(y)) is not a valid position in \(source)"
            }
            for crs in [base, target] {
                if let area = crs.areaOfUse, area.minX <= area.maxX,
                   !area.expanded(by: Self.margin).contains(Envelope(minX: degrees.x, minY: degrees.y,
                                                                     maxX: degrees.x, maxY: degrees.y)) {
                    return "the point (\(x), \(y)) lies at longitude \(rounded(degrees.x)), latitude \(rounded(degrees.y)), "
                        + "outside the area where \(crs) is used (longitude \(rounded(area.minX)) to \(rounded(area.maxX)), "
                        + "latitude \(rounded(area.minY)) to \(rounded(area.maxY)))"
                        + (crs == target && crs != base ? "; choose an analysis CRS for this region" : "; is it the right CRS?")
                }
            }
        }
        return nil
    }

    /// Whether the position in degrees goes back to the point it came from, to a unit of the
    /// source CRS (a metre, say); a geographic source is not projected and always does.
    private func returns(to point: (x: Double, y: Double), from degrees: (x: Double, y: Double)) -> Bool {
        guard let fromDegrees else { return true }
        guard let back = try? fromDegrees.transform(x: degrees.x, y: degrees.y) else { return false }
        return abs(back.x - point.x) <= 1 && abs(back.y - point.y) <= 1
    }

    private func latitudeProblem(_ envelope: Envelope) -> String? {
        let latitude = abs(envelope.minY) > abs(envelope.maxY) ? envelope.minY : envelope.maxY
        guard abs(latitude) > 90 else { return nil }
        let swapped = abs(envelope.minX) <= 90 && abs(envelope.maxX) <= 90
        return "latitude \(latitude) is beyond ±90°" + (swapped ? ": latitude and longitude look swapped (x must be longitude)" : "")
    }

    private func rounded(_ value: Double) -> String { String(format: "%.4f", value) }
}
