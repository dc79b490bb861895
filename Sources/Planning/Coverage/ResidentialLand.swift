import GeoCore

/// Residential land as coverage measures it: overlapping polygons dissolved (OverlapGroups), each
/// dissolved group clipped to every built-up area it reaches, so no land counts twice.
struct ResidentialLand {
    /// Land of one group (or one polygon) inside one built-up area.
    struct Piece {
        let area: Int
        let group: Int
        let geometry: Geometry
        /// Wholly inside its area, so not clipped.
        let whole: Bool
    }

    /// Groups of indices into the residential polygons; see OverlapGroups.
    let groups: OverlapGroups
    let pieces: [Piece]

    init(residential: [Geometry], builtUpAreas: [Geometry]) throws {
        groups = try OverlapGroups(residential, joining: .interiors)
        pieces = try Self.clip(groups.dissolved(residential), to: builtUpAreas)
    }

    /// Each geometry clipped to every area it reaches (`group` is its index); without areas, each
    /// whole in area 0. A geometry wholly inside one area is kept whole (no overlay at all), which
    /// is nearly every one.
    static func clip(_ geometries: [Geometry], to areas: [Geometry]) throws -> [Piece] {
        guard !areas.isEmpty else {
            return geometries.indices.map { Piece(area: 0, group: $0, geometry: geometries[$0], whole: true) }
        }
        let placed = try Array(geometries.indices).parallelMap(
            state: { try areas.map { try PreparedGeometry($0) } }
        ) { prepared, group -> Placement in
            let geometry = geometries[group]
            guard let envelope = geometry.envelope else { return .outside }
            var pieces: [Piece] = []
            for area in prepared.indices where prepared[area].geometry.envelope?.intersects(envelope) == true
                && prepared[area].intersects(geometry) {
                if prepared[area].contains(geometry) {
                    pieces.append(Piece(area: area, group: group, geometry: geometry, whole: true))
                    continue
                }
                // Where the block also touches the area's edge elsewhere, the overlay adds a line.
                let clipped = try Geometry.multiPolygon([geometry.intersection(prepared[area].geometry)])
                if clipped.area > 0 { pieces.append(Piece(area: area, group: group, geometry: clipped, whole: false)) }
            }
            if pieces.count == 1, pieces[0].whole { return .whole(area: pieces[0].area) }
            return pieces.isEmpty ? .outside : .several(pieces)
        }
        var pieces: [Piece] = []
        for (group, placement) in placed.enumerated() {
            switch placement {
            case .outside: break
            case let .whole(area): pieces.append(Piece(area: area, group: group, geometry: geometries[group], whole: true))
            case let .several(several): pieces += several
            }
        }
        return pieces
    }

    /// Where one geometry lies among the areas: kept small, as there is one per residential group
    /// and nearly every one lies wholly in one area.
    private enum Placement {
        case outside
        case whole(area: Int)
        case several([Piece])
    }
}
