import CGEOS

extension Geometry {
    public func intersection(_ other: Geometry) throws -> Geometry {
        try Geometry.make("intersection") { GEOSIntersection_r($0, handle, other.handle) }
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try Geometry.make("difference") { GEOSDifference_r($0, handle, other.handle) }
    }

    /// The part of this geometry inside `box`: much cheaper than an intersection with the box as a
    /// polygon, since nothing outside the box is noded. Valid for valid polygonal input.
    public func clipped(to box: Envelope) throws -> Geometry {
        try Geometry.make("clip") { GEOSClipByRect_r($0, handle, box.minX, box.minY, box.maxX, box.maxY) }
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try Geometry.make("union") { GEOSUnion_r($0, handle, other.handle) }
    }
}
