import Foundation
import Inventory
import Planning
@testable import Server
import Testing
import TestSupport

/// The server's computed results: a burst of requests for the same result computes it once, the
/// instants between the same two imports share one result, and an import computes afresh.
@Suite(.serialized) struct ComputedResultsTests {
    static let profile = "qujing-2016-2020"

    @Test func concurrentRequestsComputeOnceAndAnImportInvalidates() throws {
        let folder = try TestSupport.temporaryFolder("serve-computed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try sampleProject(in: folder)
        let results = ComputedResults(projectPath: path)

        // Eight requests at once, each on a thread of its own with its own project (as the
        // server's worker threads have): one computation, which all eight answer with.
        let reports = try Self.concurrently(8) {
            try results.indicators(try ProjectFile.open(path), profile: Self.profile, year: 2020, asOf: nil).json()
        }
        #expect(results.computations == 1)
        #expect(Set(reports).count == 1)
        #expect(reports[0] == (try IndicatorsJob.run(project: path, profile: try Profile.named(Self.profile), years: [2020]).json()),
                "the report habitat indicators writes")
        _ = try results.indicators(try ProjectFile.open(path), profile: Self.profile, year: 2020, asOf: nil)
        #expect(results.computations == 1, "kept")

        // The last import's moment and a moment long after it read the same inventory: one
        // computation. The moment of the import before reads another.
        let log = try ProjectFile.open(path).importLog()
        let moments = log.features.indices.map { log.value("at", at: $0).description }.sorted()
        let (before, last) = (moments[moments.count - 2], moments[moments.count - 1])
        try #require(before < last)
        for instant in [last, "2100-01-01T00:00:00.000Z", last] {
            _ = try results.coverage(try ProjectFile.open(path), asOf: instant)
        }
        #expect(results.computations == 2)
        _ = try results.coverage(try ProjectFile.open(path), asOf: before)
        #expect(results.computations == 3)

        // An import changes the project: the same request computes afresh.
        let keyAreas = TestSupport.root.appendingPathComponent("geodata/key_areas.geojson").path
        let imported = try TestSupport.run(TestSupport.habitat, ["import", path, "key_areas", keyAreas])
        try #require(imported.status == 0, "import: \(imported.stderr)")
        _ = try results.indicators(try ProjectFile.open(path), profile: Self.profile, year: 2020, asOf: nil)
        #expect(results.computations == 4)
    }

    /// `work` on `count` threads started together; each one's result, in order.
    static func concurrently<T: Sendable>(_ count: Int, _ work: @escaping @Sendable () throws -> T) throws -> [T] {
        let outcomes = Outcomes<T>(), group = DispatchGroup(), start = DispatchSemaphore(value: 0)
        for index in 0..<count {
            group.enter()
            Thread {
                start.wait()
                let result = Result { try work() }
                outcomes.lock.withLock { outcomes.results[index] = result }
                group.leave()
            }.start()
        }
        for _ in 0..<count { start.signal() }
        group.wait()
        return try (0..<count).map { try outcomes.results[$0]!.get() }
    }
}

/// What each of several threads returned.
final class Outcomes<T>: @unchecked Sendable {
    let lock = NSLock()
    var results: [Int: Result<T, any Error>] = [:]
}
