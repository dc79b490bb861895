import CGEOS

extension Geometry {
    /// Dissolves this geometry's members into one geometry where nothing overlaps.
    public func unaryUnion() throws -> Geometry {
        try Geometry.make("union") { GEOSUnaryUnion_r($0, handle) }
    }

    /// Dissolves a polygonal coverage: members that may share edges but never overlap. Much faster
    /// than `unaryUnion`, and wrong where members do overlap.
    public func coverageUnion() throws -> Geometry {
        try Geometry.make("coverage union") { GEOSCoverageUnion_r($0, handle) }
    }

    /// The union of all `geometries` (an empty collection when there are none).
    public static func union(of geometries: [Geometry]) throws -> Geometry {
        if geometries.count == 1 { return geometries[0] }
        return try collection(geometries).unaryUnion()
    }
}
