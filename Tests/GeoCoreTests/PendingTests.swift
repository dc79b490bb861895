import Foundation
import Testing
import GeoCore

/// Work begun on a thread of its own gives its result, or its error, to whoever waits for it.
@Suite struct PendingTests {
    struct Refused: Error, Equatable {}

    @Test func theResultIsWaitedForAndKept() throws {
        let pending = Pending { () -> Int in
            Thread.sleep(forTimeInterval: 0.05)
            return (1...1000).reduce(0, +)
        }
        #expect(try pending.value() == 500_500)
        #expect(try pending.value() == 500_500)
    }

    @Test func anErrorIsRethrownToEveryoneWhoWaits() {
        let pending = Pending { () throws -> Int in throw Refused() }
        #expect(throws: Refused()) { try pending.value() }
        #expect(throws: Refused()) { try pending.value() }
    }

    @Test func geometryWorkRunsOnItsOwnThread() throws {
        let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
        let pending = Pending { try square.buffer(1, style: BufferStyle()) }
        #expect(try pending.value().area == square.buffer(1, style: BufferStyle()).area)
    }
}
