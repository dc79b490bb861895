import GeoCore

/// A source geometry brought into a working CRS the same way wherever it comes from: checked for
/// its kind and its place, transformed, and made valid — an invalid one repaired, and said so. A
/// line whose ends meet is the outline of an area and becomes its polygon.
public struct GeometryIntake: Sendable {
    public let target: CRS
    /// Whether only polygons (or collections of nothing but polygons) are wanted.
    public let polygonsOnly: Bool
    /// Whether a line whose ends do not meet is refused rather than kept as a line: so it is
    /// wherever polygons are wanted, and wherever every line is meant as an outline (a CAD drawing).
    public var refusesOpenLines: Bool

    /// How far apart, in the target CRS's metres, a line's ends may lie for it to close: a
    /// centimetre, well under what a survey measures and well over the rounding of a CAD export.
    public static let closureTolerance = 0.01

    public init(into target: CRS, polygonsOnly: Bool) {
        self.target = target
        self.polygonsOnly = polygonsOnly
        refusesOpenLines = polygonsOnly
    }

    public struct Placed: Sendable {
        public let geometry: Geometry
        /// What GEOS found wrong with the geometry before it was repaired; nil when it was valid.
        public let repairedBecause: String?
    }

    /// What is wrong with a source geometry, in words for the person who made it.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        /// Whether the coordinates cannot be where the CRS says: a wrong CRS is the likely cause.
        public let isPosition: Bool
        public init(_ description: String, isPosition: Bool = false) {
            self.description = description
            self.isPosition = isPosition
        }
    }

    public func place(_ source: Geometry, from system: CoordinateSystem) throws -> Placed {
        try placing(from: system).place(source)
    }

    /// The intake bound to one source system on the calling thread, for placing many geometries:
    /// the transformer and the area-of-use check are looked up once rather than per geometry
    /// (hashing both CRSs each time cost a twentieth of a coverage run). Use it on the thread that
    /// made it.
    public func placing(from system: CoordinateSystem) -> Placing {
        Placing(intake: self, areaOfUse: Result { try AreaOfUseCheck(source: system, target: target) },
                transformer: Result { try Transformer.forThisThread(from: system, to: target) })
    }

    public struct Placing {
        let intake: GeometryIntake
        /// Failures to make these are each geometry's, thrown where `place` always threw them.
        let areaOfUse: Result<AreaOfUseCheck, any Error>
        let transformer: Result<Transformer, any Error>

        public func place(_ source: Geometry) throws -> Placed {
            let geometry = try GeometryIntake.multiPolygonIfCollectionOfPolygons(source)
            if intake.polygonsOnly && !geometry.kind.isPolygonal && geometry.kind != .lineString {
                throw Problem("is a \(geometry.kind) where a polygon is expected")
            }
            guard let envelope = geometry.envelope else { throw Problem("has an empty geometry") }
            if let problem = try areaOfUse.get().problem(with: envelope) { throw Problem(problem, isPosition: true) }
            var projected: Geometry
            do {
                projected = try transformer.get().transform(geometry)
            } catch {
                throw Problem("\(error)", isPosition: true)
            }
            // The gap is measured here, in metres, whatever the source's units.
            if let gap = projected.gapBetweenEnds {
                if let area = try projected.outlinedArea(closingWithin: GeometryIntake.closureTolerance) {
                    projected = area
                } else if intake.refusesOpenLines && gap <= GeometryIntake.closureTolerance {
                    throw Problem("is a closed line with fewer than three corners, which encloses no area")
                } else if intake.refusesOpenLines {
                    throw Problem("is an open line where an outline is expected: its ends are \(GeometryIntake.metres(gap)) apart "
                                  + "(an outline closes within \(GeometryIntake.metres(GeometryIntake.closureTolerance)))")
                }
            }
            let polygonal = projected.kind.isPolygonal
            // A convex outline is valid by construction, and far cheaper to recognise than to test.
            if ConvexPolygon(projected) != nil || projected.isValid { return Placed(geometry: projected, repairedBecause: nil) }
            let repaired = try projected.makeValid()
            // A repair may leave lines where a polygon collapsed; a polygon stays a polygon.
            return Placed(geometry: polygonal ? try Geometry.multiPolygon([repaired]) : repaired,
                          repairedBecause: projected.validityReason)
        }
    }

    /// A distance for people: to the millimetre.
    static func metres(_ distance: Double) -> String { String(format: "%.3f m", distance) }

    /// A GeometryCollection of polygons and multi-polygons is the multi-polygon it means: stored as
    /// a collection, a polygon layer fails GeoPackage's rules and exports as "Unknown" geometry.
    /// A collection inside a collection has no such reading and is refused.
    private static func multiPolygonIfCollectionOfPolygons(_ geometry: Geometry) throws -> Geometry {
        guard geometry.kind == .collection else { return geometry }
        let parts = geometry.parts
        if parts.contains(where: { $0.kind == .collection }) {
            throw Problem("is a GeometryCollection inside a GeometryCollection; write its polygons as one MultiPolygon")
        }
        guard !parts.isEmpty, parts.allSatisfy(\.kind.isPolygonal) else { return geometry }
        return try Geometry.multiPolygon(parts)
    }
}
