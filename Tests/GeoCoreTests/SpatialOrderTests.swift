import Testing
@testable import GeoCore

@Suite struct SpatialOrderTests {
    /// The Hilbert curve visits every cell of the grid once, each step to a cell beside the last.
    @Test(arguments: [2, 4, 16])
    func theCurveVisitsEveryCellOnceStepByStepToANeighbour(side: Int) {
        var cells = [(x: Int, y: Int)?](repeating: nil, count: side * side)
        for x in 0..<side {
            for y in 0..<side { cells[SpatialOrder.hilbertIndex(x: x, y: y, side: side)] = (x, y) }
        }
        let path = cells.compactMap { $0 }
        #expect(path.count == side * side)
        #expect(path.first! == (0, 0))
        for (a, b) in zip(path, path.dropFirst()) {
            #expect(abs(a.x - b.x) + abs(a.y - b.y) == 1, "\(a) → \(b)")
        }
    }

    /// Squares of an 8 × 8 chessboard, listed shuffled, come back in an order where each follows a
    /// square beside it; an empty geometry goes last.
    @Test func neighboursOnTheGroundComeTogether() throws {
        var squares: [(Int, Int)] = []
        for x in 0..<8 { for y in 0..<8 { squares.append((x, y)) } }
        var generator = SystemRandomNumberGenerator()
        squares.shuffle(using: &generator)
        let geometries = try squares.map { x, y in
            try Geometry(wkt: "POLYGON((\(x) \(y), \(x + 1) \(y), \(x + 1) \(y + 1), \(x) \(y + 1), \(x) \(y)))")
        } + [Geometry(wkt: "POLYGON EMPTY")]
        let order = SpatialOrder.of(geometries)
        #expect(order.sorted() == Array(geometries.indices))
        #expect(order.last == squares.count)
        let path = order.dropLast().map { squares[$0] }
        for (a, b) in zip(path, path.dropFirst()) {
            #expect(abs(a.0 - b.0) + abs(a.1 - b.1) == 1, "\(a) → \(b)")
        }
    }
}
