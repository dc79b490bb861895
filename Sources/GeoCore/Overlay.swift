import CGEOS

extension Geometry {
    public func intersection(_ other: Geometry) throws -> Geometry {
        try Geometry.make("intersection") { GEOSIntersection_r($0, handle, other.handle) }
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try Geometry.make("difference") { GEOSDifference_r($0, handle, other.handle) }
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try Geometry.make("union") { GEOSUnion_r($0, handle, other.handle) }
    }
}
