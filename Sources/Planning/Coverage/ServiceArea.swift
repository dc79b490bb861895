import GeoCore

/// The parks that count, each buffered by its radius and indexed, answering how much of a polygon
/// lies within reach of any of them.
///
/// The service area is the union of the buffers, but it is never built for the figures: each
/// polygon is checked against the few buffers near it (an STRtree query), with a fast answer when
/// it lies wholly inside one buffer or touches none, and a small local union only where it is
/// partly covered.
struct ServiceArea: Sendable {
    /// The parks that count, and the radius each serves.
    private let parks: [Geometry]
    private let radii: [Double]
    private let style: BufferStyle
    /// Each buffer's box: its park's grown by how far the buffer can reach beyond the park.
    private let envelopes: [Envelope]
    /// The parks indexed, queried with a box grown by the farthest reach.
    private let index: STRtree
    private let farthest: Double
    /// Every buffer, where a run that draws the service area made them all up front.
    private var kept: [Geometry]?

    init(parks: [Geometry], rules: CoverageRules, style: BufferStyle) throws {
        let radii = try parks.parallelMap { rules.radius(forParkArea: $0.area) }
        let eligible = radii.indices.filter { radii[$0] != nil && !parks[$0].isEmpty }
        self.parks = eligible.map { parks[$0] }
        self.radii = eligible.map { radii[$0]! }
        self.style = style
        // A round buffer lies within its distance of the park; a mitred one reaches out to the
        // mitre limit times it at sharp corners.
        let outreach = style.join == .mitre ? max(1, style.mitreLimit) : 1
        envelopes = zip(self.parks, self.radii).map { park, radius in park.envelope!.expanded(by: radius * outreach) }
        farthest = (self.radii.max() ?? 0) * outreach
        index = STRtree(self.parks)
    }

    /// How many parks count, each with a buffer.
    var count: Int { parks.count }

    /// The buffer of the `index`th park that counts. Buffers are made where they are needed rather
    /// than all kept: at province scale they would be the largest thing in memory.
    func buffer(_ index: Int) throws -> Geometry {
        try kept?[index] ?? parks[index].buffer(radii[index], style: style)
    }

    /// The same, with every buffer made at once on every core and kept: for a run that draws the
    /// service area, which needs them all, so that measuring the land does not make them again.
    func keepingBuffers() throws -> ServiceArea {
        var keeping = self
        keeping.kept = try allBuffers()
        return keeping
    }

    /// The buffers whose boxes meet `envelope`, by index.
    func candidates(near envelope: Envelope) -> [Int] {
        index.query(envelope.expanded(by: farthest)).filter { envelopes[$0].intersects(envelope) }
    }

    /// A buffer as a worker measures against it: prepared for predicates and, once a convex block
    /// asks, as plain rings.
    final class NearBuffer {
        let prepared: PreparedGeometry
        private(set) lazy var rings = PolygonRings(prepared.geometry)

        init(_ geometry: Geometry) throws {
            prepared = try PreparedGeometry(geometry)
        }
    }

    /// The buffers one worker thread has made and prepared, the most recent `capacity` of them.
    /// Prepared geometries build their indexes lazily and may not be shared between threads, so
    /// each worker keeps its own; working through the land in spatial order, a worker needs again
    /// only the buffers it made lately, so the older ones are let go.
    final class PreparedBuffers {
        private var made: [Int: NearBuffer] = [:]
        private var order: [Int] = []
        private var oldest = 0
        private let capacity: Int

        init(capacity: Int = 512) {
            self.capacity = capacity
        }

        func callAsFunction(_ index: Int, of service: ServiceArea) throws -> NearBuffer {
            if let buffer = made[index] { return buffer }
            if made.count == capacity {
                made[order[oldest]] = nil
                order[oldest] = index
                oldest = (oldest + 1) % capacity
            } else {
                order.append(index)
            }
            let buffer = try NearBuffer(service.buffer(index))
            made[index] = buffer
            return buffer
        }
    }

    struct Reach {
        let area: Double
        let covered: Double
        /// The land out of reach (see `land`); only computed when asked for.
        let uncovered: Geometry?
    }

    /// How much of `polygon` lies within the service area.
    func reach(of polygon: Geometry, keepingUncovered: Bool, using prepared: PreparedBuffers) throws -> Reach {
        let area = polygon.area
        func outOfReach(_ part: @autoclosure () throws -> Geometry) throws -> Geometry? {
            keepingUncovered ? try Self.land(part()) : nil
        }
        guard let envelope = polygon.envelope else { return Reach(area: area, covered: 0, uncovered: try outOfReach(polygon)) }
        var touching: [NearBuffer] = []
        for candidate in candidates(near: envelope) {
            let buffer = try prepared(candidate, of: self)
            if envelopes[candidate].contains(envelope), buffer.prepared.contains(polygon) {
                return Reach(area: area, covered: area, uncovered: nil)
            }
            if buffer.prepared.intersects(polygon) { touching.append(buffer) }
        }
        guard !touching.isEmpty else {
            return Reach(area: area, covered: 0, uncovered: try outOfReach(polygon))
        }
        // A convex block partly within one buffer, the commonest case, is measured without an
        // overlay; only the drawn layer's land out of reach needs one.
        if touching.count == 1, let block = ConvexPolygon(polygon) {
            return Reach(area: area, covered: block.areaInside(touching[0].rings),
                         uncovered: try outOfReach(polygon.difference(touching[0].prepared.geometry.clipped(to: envelope))))
        }
        // The buffers are large and the polygon small: each buffer is first cut down to the
        // polygon's box, so the overlays only see the arcs near it.
        let covered = try Geometry.union(of: touching.map { try $0.prepared.geometry.clipped(to: envelope) }).intersection(polygon)
        return Reach(area: area, covered: covered.area,
                     uncovered: try outOfReach(polygon.difference(covered)))
    }

    /// The polygons of an overlay's result, without the slivers under a centimetre wide (twice
    /// the area over the perimeter) that arise where a buffer's edge runs along a block's: noise,
    /// not land. The figures are measured before this; it only keeps the drawn layer clean.
    static func land(_ geometry: Geometry) throws -> Geometry {
        try Geometry.multiPolygon(geometry.polygons.filter { 2 * $0.area / $0.length >= 0.01 })
    }

    /// The whole service area as one geometry: the union of every buffer.
    func dissolved() throws -> Geometry {
        // Tiles some eight radii across: a few buffers each, most buffers within one or two.
        // (At scale 100, five radii took a fifth longer than seven to ten.)
        try Geometry.tiledUnion(of: allBuffers(), tileSide: 8 * farthest)
    }

    /// Every buffer at once, made on every core.
    func allBuffers() throws -> [Geometry] {
        try kept ?? Array(parks.indices).parallelMap { try buffer($0) }
    }
}
