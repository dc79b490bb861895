import CGEOS

/// A packed R-tree (GEOS's STRtree) over the envelopes of a fixed list of geometries, answering
/// which of them may touch a query envelope. Queries return indices into that list.
///
/// The tree is built before the initialiser returns, so concurrent queries from several threads
/// only read it.
public final class STRtree: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Keeps the indexed geometries alive: GEOS holds pointers to them.
    private let geometries: [Geometry]

    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) {
        let context = GEOSContext.current.handle
        handle = GEOSSTRtree_create_r(context, nodeCapacity)
        self.geometries = geometries
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            // Items are the indices themselves, offset by one so that index 0 is not a null pointer.
            GEOSSTRtree_insert_r(context, handle, geometry.handle, UnsafeMutableRawPointer(bitPattern: index + 1))
        }
        // GEOS packs the tree on the first query; do it now, while only this thread sees the tree.
        _ = query(Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0))
    }

    deinit { GEOSSTRtree_destroy_r(GEOSContext.current.handle, handle) }

    public var count: Int { geometries.count }

    /// Indices, in ascending order, of the geometries whose envelopes intersect `envelope`.
    public func query(_ envelope: Envelope) -> [Int] {
        let context = GEOSContext.current.handle
        guard let box = GEOSGeom_createRectangle_r(context, envelope.minX, envelope.minY,
                                                   envelope.maxX, envelope.maxY) else { return [] }
        defer { GEOSGeom_destroy_r(context, box) }
        return query(box)
    }

    /// Indices, in ascending order, of the geometries whose envelopes intersect `geometry`'s.
    public func query(_ geometry: Geometry) -> [Int] { query(geometry.handle) }

    private func query(_ geometry: OpaquePointer) -> [Int] {
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { found in
            GEOSSTRtree_query_r(GEOSContext.current.handle, handle, geometry, { item, userData in
                let found = userData!.assumingMemoryBound(to: [Int].self)
                found.pointee.append(Int(bitPattern: item) - 1)
            }, found)
        }
        return found.sorted()
    }
}
