import CGEOS

/// How a buffer is shaped. The defaults are GEOS's and shapely's: round caps and joins, 8 segments
/// per quarter circle.
public struct BufferStyle: Equatable, Sendable {
    public enum Cap: Int32, Sendable { case round = 1, flat = 2, square = 3 }
    public enum Join: Int32, Sendable { case round = 1, mitre = 2, bevel = 3 }

    public var quadrantSegments: Int
    public var cap: Cap
    public var join: Join
    public var mitreLimit: Double

    public init(quadrantSegments: Int = 8, cap: Cap = .round, join: Join = .round, mitreLimit: Double = 5) {
        self.quadrantSegments = quadrantSegments
        self.cap = cap
        self.join = join
        self.mitreLimit = mitreLimit
    }
}

extension Geometry {
    /// The area within `distance` of this geometry (a negative distance shrinks polygons).
    public func buffer(_ distance: Double, style: BufferStyle = BufferStyle()) throws -> Geometry {
        try Geometry.make("buffer") { context in
            guard let params = GEOSBufferParams_create_r(context) else { return nil }
            defer { GEOSBufferParams_destroy_r(context, params) }
            GEOSBufferParams_setQuadrantSegments_r(context, params, Int32(style.quadrantSegments))
            GEOSBufferParams_setEndCapStyle_r(context, params, style.cap.rawValue)
            GEOSBufferParams_setJoinStyle_r(context, params, style.join.rawValue)
            GEOSBufferParams_setMitreLimit_r(context, params, style.mitreLimit)
            return GEOSBufferWithParams_r(context, handle, params, distance)
        }
    }
}
