import Foundation
import Testing
import TestSupport
@testable import Planning

/// habitat's DBSCAN against scikit-learn's on the same points with the same parameters, member for
/// member: the same clusters holding the same points, and the same noise.
@Suite struct DBSCANTests {
    /// Deterministic numbers (TestSupport's SplitMix64), so that a failure can be run again.
    struct Random {
        var seeded: SeededRandom
        init(state: UInt64) { seeded = SeededRandom(seed: state) }
        /// Uniform in [0, 1), from the top 53 bits.
        mutating func next() -> Double { Double(seeded.next() >> 11) / Double(1 << 53) }
        /// Normal, by Box–Muller.
        mutating func normal() -> Double { (-2 * log(1 - next())).squareRoot() * cos(2 * .pi * next()) }
    }

    /// scikit-learn's labels for the points.
    func sklearn(_ x: [Double], _ y: [Double], eps: Double, minPoints: Int) throws -> [Int] {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 17 significant digits: the same doubles in Python as here.
        let csv = zip(x, y).map { String(format: "%.17g,%.17g", $0, $1) }.joined(separator: "\n") + "\n"
        let points = try TestSupport.write(csv, to: "points.csv", in: folder)
        let helper = TestSupport.root.appendingPathComponent("Tests/PlanningTests/Incidents/Helpers/sklearn_dbscan.py").path
        let run = try TestSupport.run(TestSupport.python, [helper, points, String(eps), String(minPoints)])
        try #require(run.status == 0, "scikit-learn: \(run.stderr)")
        return try JSONDecoder().decode([Int].self, from: Data(run.stdout.utf8))
    }

    /// The clusters as sets of point indices, and the noise.
    func partition(_ labels: [Int]) -> (clusters: Set<Set<Int>>, noise: Set<Int>) {
        let groups = Dictionary(grouping: labels.indices, by: { labels[$0] })
        return (Set(groups.filter { $0.key >= 0 }.values.map(Set.init)), Set(groups[-1] ?? []))
    }

    /// 5,000 cases: 70 gatherings of 20–60 cases spread 10–60 m about a point (some overlapping, so
    /// that border cases lie between clusters), and 1,500 scattered over 6 × 4 km.
    @Test(arguments: [(50.0, 3), (30.0, 5), (80.0, 10)])
    func clustersEqualScikitLearnMemberForMember(eps: Double, minPoints: Int) throws {
        var random = Random(state: 2016)
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<70 {
            let (cx, cy) = (random.next() * 6000, random.next() * 4000)
            let spread = 10 + random.next() * 50
            for _ in 0..<(20 + Int(random.next() * 40)) {
                x.append(cx + spread * random.normal())
                y.append(cy + spread * random.normal())
            }
        }
        while x.count < 5000 {
            x.append(random.next() * 6000)
            y.append(random.next() * 4000)
        }
        let ours = DBSCAN.labels(x: x, y: y, eps: eps, minPoints: minPoints)
        let theirs = try sklearn(x, y, eps: eps, minPoints: minPoints)
        let (a, b) = (partition(ours), partition(theirs))
        #expect(a.clusters.count > 20, "too few clusters to compare: \(a.clusters.count)")
        #expect(a.noise.count > 100)
        #expect(a.clusters == b.clusters)
        #expect(a.noise == b.noise)
        // Numbered alike too: clusters are found from their first core point in input order.
        #expect(ours == theirs)
    }

    /// Points on a 30 × 40 m lattice: diagonal neighbours lie exactly eps = 50 m apart, which counts
    /// as within eps (distance ≤ eps), as in scikit-learn.
    @Test func aNeighbourExactlyEpsAwayCounts() throws {
        var x: [Double] = [], y: [Double] = []
        for i in 0..<40 { for j in 0..<30 where (i * 7 + j * 3) % 5 != 0 { x.append(Double(i) * 30); y.append(Double(j) * 40) } }
        for (eps, minPoints) in [(50.0, 4), (50.0, 6), (49.999, 3)] {
            let ours = DBSCAN.labels(x: x, y: y, eps: eps, minPoints: minPoints)
            #expect(ours == (try sklearn(x, y, eps: eps, minPoints: minPoints)), "eps \(eps), min \(minPoints)")
        }
    }
}
