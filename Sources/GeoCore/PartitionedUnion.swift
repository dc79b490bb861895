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

    /// The union of two dissolved geometries: only the polygons that meet one of the other's are
    /// overlaid, in groups of those that meet, each group on its own and on every core; the rest
    /// (most, for neighbouring runs) pass through as they are. A city's largest service area is
    /// then never overlaid with the many small ones that only lie within its box.
    private static func merge(_ a: Geometry, _ b: Geometry) throws -> Geometry {
        let polygons = a.polygons + b.polygons
        return try multiPolygon(OverlapGroups(polygons, joining: .anyPoint).dissolved(polygons))
    }
}
