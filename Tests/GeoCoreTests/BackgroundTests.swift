import Testing
@testable import GeoCore

@Suite struct BackgroundTests {
    /// The union made on a thread of its own is the union made here, and asking twice waits once.
    @Test func aValueMadeOnAnotherThreadIsTheSameAndCanBeAskedTwice() throws {
        let squares = try (0..<20).map { x in try Geometry(wkt: "POLYGON((\(x) 0, \(x + 2) 0, \(x + 2) 1, \(x) 1, \(x) 0))") }
        let here = try Geometry.union(of: squares)
        let background = Background { try Geometry.union(of: squares) }
        #expect(try background.value().area == here.area)
        #expect(try background.value().wkt == here.wkt)
    }

    @Test func whatComputingThrewIsRethrownToWhoeverAsks() {
        let background = Background<Int> { throw GeometryError.invalidWKB("made up") }
        #expect(throws: GeometryError.invalidWKB("made up")) { try background.value() }
        #expect(throws: GeometryError.invalidWKB("made up")) { try background.value() }
    }
}
