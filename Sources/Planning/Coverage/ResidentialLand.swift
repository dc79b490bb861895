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
    let groups: [[Int]]
    let pieces: [Piece]

    init(residential: [Geometry], builtUpAreas: [Geometry]) throws {
        groups = try OverlapGroups.of(residential)
        let dissolved = try groups.parallelMap { group in
            try Geometry.union(of: group.map { residential[$0] })
        }
        pieces = try Self.clip(dissolved, to: builtUpAreas)
    }

    /// Each geometry clipped to every area it reaches (`group` is its index); without areas, each
    /// whole in area 0. A geometry wholly inside one area is kept whole (no overlay at all), which
    /// is nearly every one.
    static func clip(_ geometries: [Geometry], to areas: [Geometry]) throws -> [Piece] {
        try Array(geometries.indices).parallelMap(
            state: { try areas.map { try PreparedGeometry($0) } }
        ) { prepared, group in
            let geometry = geometries[group]
            guard !prepared.isEmpty else { return [Piece(area: 0, group: group, geometry: geometry, whole: true)] }
            let envelope = geometry.envelope
            return try prepared.indices.compactMap { area -> Piece? in
                guard let envelope, prepared[area].geometry.envelope?.intersects(envelope) == true,
                      prepared[area].intersects(geometry) else { return nil }
                if prepared[area].contains(geometry) {
                    return Piece(area: area, group: group, geometry: geometry, whole: true)
                }
                // Where the block also touches the area's edge elsewhere, the overlay adds a line.
                let clipped = try Geometry.multiPolygon([geometry.intersection(prepared[area].geometry)])
                return clipped.area > 0 ? Piece(area: area, group: group, geometry: clipped, whole: false) : nil
            }
        }.flatMap { $0 }
    }
}
