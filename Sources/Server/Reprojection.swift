import GeoCore

/// Boxes between the CRSs a client speaks and the project's: a box's edges are followed (not just
/// its corners), since a lon/lat rectangle is curved in a Gauss-Krüger projection.
enum Reprojection {
    /// Points along each edge of a box: enough that the curve between them departs from a
    /// straight line by well under a metre for the boxes a map asks for.
    private static let pointsPerEdge = 32

    /// How far beyond its CRS's area of use a project's features may lie and still be found:
    /// a projection holds up well past its area, not across the globe.
    private static let reach = 5.0

    /// The area a `bbox` covers, in the project CRS (x east, y north); nil where it lies wholly
    /// outside the project CRS's reach. A lon/lat box is first cut to that reach, so that a client
    /// asking for the whole world (as a map zoomed out does) gets every feature.
    static func area(_ bbox: [Double], in served: ServedCRS, projectCRS: CRS) throws -> Geometry? {
        // Easting first, as the project keeps coordinates.
        var (minX, minY, maxX, maxY) = served.northFirst ? (bbox[1], bbox[0], bbox[3], bbox[2]) : (bbox[0], bbox[1], bbox[2], bbox[3])
        if served.crs.isGeographic, served.crs != projectCRS, let use = projectCRS.areaOfUse?.expanded(by: reach) {
            (minX, minY, maxX, maxY) = (max(minX, use.minX), max(minY, use.minY), min(maxX, use.maxX), min(maxY, use.maxY))
            guard minX <= maxX, minY <= maxY else { return nil }
        }
        var ring: [(Double, Double)] = []
        let corners = [(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY)]
        for (index, start) in corners.enumerated() {
            let end = corners[(index + 1) % 4]
            for step in 0..<pointsPerEdge {
                let t = Double(step) / Double(pointsPerEdge)
                ring.append((start.0 + t * (end.0 - start.0), start.1 + t * (end.1 - start.1)))
            }
        }
        if served.crs != projectCRS {
            let transformer = try Transformer.forThisThread(from: .crs(served.crs), to: projectCRS)
            ring = try ring.map { try transformer.transform(x: $0.0, y: $0.1) }
        }
        ring.append(ring[0])
        return try Geometry(wkt: "POLYGON((" + ring.map { "\($0.0) \($0.1)" }.joined(separator: ",") + "))")
    }

    /// A project-CRS envelope as a CRS84 bbox (min lon, min lat, max lon, max lat).
    static func crs84Box(_ envelope: Envelope, projectCRS: CRS) throws -> [Double] {
        guard let area = try Self.area([envelope.minX, envelope.minY, envelope.maxX, envelope.maxY],
                                       in: ServedCRS(uri: "", crs: projectCRS, northFirst: false), projectCRS: projectCRS),
              let box = try Transformer.forThisThread(from: .crs(projectCRS), to: try CRS.wgs84).transform(area).envelope else { return [] }
        return [box.minX, box.minY, box.maxX, box.maxY]
    }
}
