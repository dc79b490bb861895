import Foundation

extension Geometry {
    /// The union of all `geometries`, on every core: they are cut into runs of neighbours along
    /// the Hilbert curve (`SpatialOrder`), each run is dissolved on its own, and the partial
    /// unions are merged in pairs of neighbouring runs, level by level, until one is left. The
    /// same result as `union(of:)` — which dissolves everything on one thread — up to the
    /// rounding of the overlays' order.
    public static func partitionedUnion(of geometries: [Geometry]) throws -> Geometry {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        // Below this a run is too small for its thread to pay off.
        let smallestRun = 256
        guard workers > 1, geometries.count >= 2 * smallestRun else { return try union(of: geometries) }
        let order = SpatialOrder.of(geometries)
        // A few runs per core, so that a slow one does not leave a core idle; a power of two, so
        // that the pairs at every level are neighbours on the ground.
        var runCount = 1
        while runCount < 4 * workers, geometries.count / (2 * runCount) >= smallestRun { runCount *= 2 }
        let runLength = (order.count + runCount - 1) / runCount
        let runs = stride(from: 0, to: order.count, by: runLength).map { order[$0..<Swift.min($0 + runLength, order.count)] }
        var parts = try runs.parallelMap { run in try union(of: run.map { geometries[$0] }) }
        while parts.count > 1 {
            let pairs = stride(from: 0, to: parts.count, by: 2).map { Array(parts[$0..<Swift.min($0 + 2, parts.count)]) }
            parts = try pairs.parallelMap { pair in try pair.count == 2 ? merge(pair[0], pair[1]) : pair[0] }
        }
        return parts[0]
    }

    /// The union of two dissolved geometries: only the polygons whose boxes meet one of the other's
    /// are overlaid, the rest (most, for neighbouring runs) pass through as they are.
    private static func merge(_ a: Geometry, _ b: Geometry) throws -> Geometry {
        let (left, right) = (a.polygons, b.polygons)
        let index = STRtree(right)
        var meetingLeft: [Int] = [], meetingRight = Set<Int>()
        for (position, polygon) in left.enumerated() {
            let hits = index.query(polygon)
            guard !hits.isEmpty else { continue }
            meetingLeft.append(position)
            meetingRight.formUnion(hits)
        }
        guard !meetingLeft.isEmpty else { return try multiPolygon(left + right) }
        let meeting = Set(meetingLeft)
        let overlaid = try union(of: meetingLeft.map { left[$0] } + meetingRight.sorted().map { right[$0] })
        return try multiPolygon(left.indices.filter { !meeting.contains($0) }.map { left[$0] }
                                + right.indices.filter { !meetingRight.contains($0) }.map { right[$0] } + [overlaid])
    }
}
