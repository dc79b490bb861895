import GeoCore

/// Residential land out of every park's reach today, near the candidate sites, in pieces that each
/// lie in one built-up area, with what a square metre of each is worth: 1 m² of land, or the
/// people living on it (a polygon's people spread evenly over its land).
struct UncoveredDemand {
    struct Unit {
        /// Index of its built-up area.
        let area: Int
        /// The part out of reach, exactly (slivers and all).
        let geometry: Geometry
        /// Worth per m².
        let density: Double
    }

    let units: [Unit]

    /// The uncovered part of each piece whose envelope meets `near`; `density` says per piece what
    /// its m² are worth.
    init(_ pieces: [ResidentialLand.Piece], service: ServiceArea, near: STRtree,
         density: (ResidentialLand.Piece) -> Double) throws {
        let nearby = pieces.filter { !near.query($0.geometry).isEmpty }
        let uncovered = try CoverageAnalysis.inSpatialOrder(nearby.map(\.geometry)) { prepared, index in
            try service.reach(of: nearby[index].geometry, keepingUncovered: true, using: prepared)
        }.map(\.uncovered)
        units = zip(nearby, uncovered).compactMap { piece, uncovered in
            guard let uncovered, !uncovered.isEmpty else { return nil }
            return Unit(area: piece.area, geometry: uncovered, density: density(piece))
        }
    }
}
