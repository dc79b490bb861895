extension Geometry {
    /// How far apart the two ends of a line are, in the units of its coordinates; nil for anything
    /// but a single line.
    public var gapBetweenEnds: Double? {
        guard kind == .lineString else { return nil }
        let xy = coordinates
        guard xy.count >= 4 else { return nil }
        let dx = xy[xy.count - 2] - xy[0], dy = xy[xy.count - 1] - xy[1]
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The polygon a line drawn round an area outlines (a CAD polyline): its ends joined when they
    /// lie at most `tolerance` apart, whether or not the line repeats its first vertex at its end.
    /// Nil for anything but a line, for a line whose ends lie farther apart, and for one with fewer
    /// than three vertices, which encloses nothing.
    public func outlinedArea(closingWithin tolerance: Double) throws -> Geometry? {
        guard let gap = gapBetweenEnds, gap <= tolerance else { return nil }
        var xy = coordinates
        if gap > 0 { xy += xy.prefix(2) }
        guard xy.count >= 8 else { return nil }
        let ring = stride(from: 0, to: xy.count, by: 2).map { "\(xy[$0]) \(xy[$0 + 1])" }.joined(separator: ", ")
        return try Geometry(wkt: "POLYGON((\(ring)))")
    }
}
