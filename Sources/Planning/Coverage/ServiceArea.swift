import GeoCore

/// The parks that count, each buffered by its radius and indexed, answering how much of a polygon
/// lies within reach of any of them.
///
/// The service area is the union of the buffers, but it is never built for the figures: each
/// polygon is checked against the few buffers near it (an STRtree query), with a fast answer when
/// it lies wholly inside one buffer or touches none, and a small local union only where it is
/// partly covered.
struct ServiceArea: Sendable {
    let buffers: [Geometry]
    private let envelopes: [Envelope]
    private let index: STRtree

    init(parks: [Geometry], rules: CoverageRules, style: BufferStyle) throws {
        let radii = try parks.parallelMap { rules.radius(forParkArea: $0.area) }
        let eligible = radii.indices.filter { radii[$0] != nil && !parks[$0].isEmpty }
        buffers = try eligible.parallelMap { try parks[$0].buffer(radii[$0]!, style: style) }
        envelopes = buffers.map { $0.envelope! }
        index = STRtree(buffers)
    }

    /// The buffers one worker thread has prepared, the most recent `capacity` of them. Prepared
    /// geometries build their indexes lazily and may not be shared between threads, so each worker
    /// keeps its own; working through the land in spatial order, a worker needs again only the
    /// buffers it prepared lately, so the older ones are let go.
    final class PreparedBuffers {
        private var prepared: [Int: PreparedGeometry] = [:]
        private var order: [Int] = []
        private var oldest = 0
        private let capacity: Int

        init(capacity: Int = 4096) {
            self.capacity = capacity
        }

        func callAsFunction(_ index: Int, of service: ServiceArea) throws -> PreparedGeometry {
            if let buffer = prepared[index] { return buffer }
            if prepared.count == capacity {
                prepared[order[oldest]] = nil
                order[oldest] = index
                oldest = (oldest + 1) % capacity
            } else {
                order.append(index)
            }
            let buffer = try PreparedGeometry(service.buffers[index])
            prepared[index] = buffer
            return buffer
        }
    }

    struct Reach {
        let area: Double
        let covered: Double
        /// The part out of reach, exactly (slivers and all); only computed when asked for.
        let uncovered: Geometry?
    }

    /// How much of `polygon` lies within the service area.
    func reach(of polygon: Geometry, keepingUncovered: Bool, using prepared: PreparedBuffers) throws -> Reach {
        let area = polygon.area
        let candidates = index.query(polygon)
        guard !candidates.isEmpty, let envelope = polygon.envelope else {
            return Reach(area: area, covered: 0, uncovered: keepingUncovered ? polygon : nil)
        }
        var touching: [Geometry] = []
        for candidate in candidates {
            let buffer = try prepared(candidate, of: self)
            if envelopes[candidate].contains(envelope), buffer.contains(polygon) {
                return Reach(area: area, covered: area, uncovered: nil)
            }
            if buffer.intersects(polygon) { touching.append(buffer.geometry) }
        }
        guard !touching.isEmpty else {
            return Reach(area: area, covered: 0, uncovered: keepingUncovered ? polygon : nil)
        }
        let covered = try Geometry.union(of: touching.map { try $0.intersection(polygon) })
        return Reach(area: area, covered: covered.area,
                     uncovered: keepingUncovered ? try polygon.difference(covered) : nil)
    }

    /// The polygons of an overlay's result, without the slivers under a centimetre wide (twice
    /// the area over the perimeter) that arise where a buffer's edge runs along a block's: noise,
    /// not land. The figures are measured before this; it only keeps the drawn layer clean.
    static func land(_ geometry: Geometry) throws -> Geometry {
        try Geometry.multiPolygon(geometry.polygons.filter { 2 * $0.area / $0.length >= 0.01 })
    }

    /// The whole service area as one geometry: the union of every buffer.
    func dissolved() throws -> Geometry {
        try Geometry.partitionedUnion(of: buffers)
    }
}
