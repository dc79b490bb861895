import Foundation
import Testing
import GeoCore
@testable import Planning

/// Hand-made cities whose best sites follow from arithmetic. Sites are strips 10 m wide: one 1000 m
/// tall (10 000 m², 500 m radius) has a buffer whose sides run straight 500 m out along its whole
/// height, so residential blocks in the band 100 ≤ y ≤ 900 are reached by x alone (800 m² per metre).
@Suite struct SuggestAnalysisTests {
    func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
        try Geometry(wkt: "POLYGON((\(minX) \(minY), \(maxX) \(minY), \(maxX) \(maxY), \(minX) \(maxY), \(minX) \(minY)))")
    }

    /// A 10 m × 1000 m strip from x: reaches x − 500 … x + 510.
    func strip(_ x: Double) throws -> Geometry { try box(x, 0, x + 10, 1000) }

    func block(_ minX: Double, _ maxX: Double) throws -> Geometry { try box(minX, 100, maxX, 900) }

    /// All k-subsets of the eligible sites that may be chosen together, and the best total.
    func bruteForce(_ problem: SuggestAnalysis.Problem, k: Int) throws -> (sites: Set<Int>, value: Double) {
        let n = problem.screening.sites.count
        var best: (Set<Int>, Double) = ([], -1)
        func visit(_ start: Int, _ chosen: [Int]) throws {
            if chosen.count == k {
                let value = try problem.selection.value(of: chosen)
                if value > best.1 { best = (Set(chosen), value) }
                return
            }
            for site in start..<n where !chosen.contains(where: { problem.selection.conflicts[site].contains($0) }) {
                try visit(site + 1, chosen + [site])
            }
        }
        try visit(0, [])
        return best
    }

    /// Three sites on a line. X in the middle reaches the most alone (990 m of blocks), but once it is
    /// chosen the outer ones add less than they would together:
    ///   L = [0, 490] ∪ [510, 1000], M = [1000, 1240] ∪ [1260, 1500], R = [1500, 1990] ∪ [2010, 2470]
    ///   Y at 495 reaches [−5, 1005]:   L 980 + M 5            = 985
    ///   X at 1245 reaches [745, 1755]: L 255 + M 480 + R 255  = 990
    ///   Z at 1995 reaches [1495, 2505]: M 5 + R 950           = 955
    /// Greedy: X, then Y (+725) = 1715; optimum Y + Z = 1940 (their reaches do not meet). × 800 m².
    var line: SuggestAnalysis {
        get throws {
            let residential = try [block(0, 490), block(510, 1000), block(1000, 1240), block(1260, 1500),
                                   block(1500, 1990), block(2010, 2470)]
            let candidates = try [("X", 1245.0), ("Y", 495.0), ("Z", 1995.0)].map { code, x in
                Candidate(layer: "old_factories", code: code, geometry: try strip(x))
            }
            return SuggestAnalysis(
                candidates: candidates,
                coverage: CoverageAnalysis(parks: [], residential: residential,
                                           builtUpAreas: [.init(name: "城区", geometry: try box(-1000, -1000, 4000, 2000))]),
                population: [500, 500, 0, 0, 4900, 4600], limit: .count(2))
        }
    }

    @Test func exchangeReachesTheOptimumWhereGreedyAloneDoesNot() throws {
        let problem = try line.prepare()
        let result = try problem.solve()
        #expect(result.greedy.map { result.candidates[$0].code } == ["X", "Y"])
        #expect(try abs(problem.selection.value(of: [0, 1]) - 1715 * 800) < 1e-6)
        #expect(result.exchangeChanged)
        #expect(result.picks.map { result.candidates[$0.candidate].code } == ["Y", "Z"])
        #expect(abs(result.picks[0].newlyCovered - 985 * 800) < 1e-6)
        #expect(abs(result.picks[1].newlyCovered - 955 * 800) < 1e-6)
        let optimum = try bruteForce(problem, k: 2)
        #expect(abs(optimum.value - 1940 * 800) < 1e-6)
        #expect(Set(result.picks.map(\.candidate)) == optimum.sites)
        // Residential 6 blocks: (490 + 490 + 240 + 240 + 490 + 460) × 800; nothing covered today.
        #expect(abs(result.today[0].residentialArea - 2410 * 800) < 1e-6)
        #expect(abs(result.coverage(after: 1)[0].coveredArea - 1940 * 800) < 1e-6)
        #expect(!result.stoppedAtZero)
    }

    /// Weighted by people, Z wins alone: R's blocks hold 4900 + 4600 people, L's 1000, M's none.
    /// X would reach 255/490 of 500 + 255/490 of 4900 = 2810.2 people; Y 1000.
    @Test func peopleWeightPicksWhereThePeopleLive() throws {
        var analysis = try line
        analysis.limit = .count(1)
        let byArea = try analysis.run()
        #expect(byArea.picks.map { byArea.candidates[$0.candidate].code } == ["X"])
        #expect(abs(try #require(byArea.picks[0].people) - 255.0 / 490 * 5400) < 1e-9)
        analysis.weight = .population
        let byPeople = try analysis.run()
        #expect(byPeople.picks.map { byPeople.candidates[$0.candidate].code } == ["Z"])
        #expect(abs(try #require(byPeople.picks[0].people) - 9500) < 1e-9)
        #expect(abs(byPeople.picks[0].newlyCovered - 955 * 800) < 1e-6)
    }

    /// Three clusters far apart, a park already serving part of the first, and candidates that
    /// cannot be parks. Today the park (a strip at −610) reaches [−1110, −100]:
    ///   A at 0 reaches [−500, 510]: blocks [−400, −10] (of which [−100, −10] uncovered) and
    ///     [20, 300]: (90 + 280) × 800 = 296 000
    ///   B, 10 × 300 (3000 m², 300 m) at 5000 reaches [4700, 5310] in 0 ≤ y ≤ 300: block
    ///     [5020, 5250] × [50, 250] = 46 000; [5400, 5500] × [50, 250] stays out of reach
    ///   C at 10 000 reaches [9500, 10 510]: block [10 020, 10 420] = 320 000; D, overlapping C,
    ///     reaches the same.
    var clusters: SuggestAnalysis {
        get throws {
            let residential = try [block(-400, -10), block(20, 300), box(5020, 50, 5250, 250), box(5400, 50, 5500, 250),
                                   block(10020, 10420)]
            let sites: [(String, Geometry)] = try [
                ("A", strip(0)), ("B", box(5000, 0, 5010, 300)), ("C", strip(10000)), ("D", strip(10005)),
                ("P", Geometry(wkt: "POINT(20000 0)")),        // no footprint
                ("S", box(15000, 0, 15010, 100)),              // 1000 m²: too small
                ("K", box(30050, 0, 30150, 100)),              // over the park at 30 000
                ("O", strip(40000)),                           // beyond the built-up area
            ]
            return SuggestAnalysis(
                candidates: sites.map { Candidate(layer: "old_factories", code: $0.0, geometry: $0.1) },
                coverage: CoverageAnalysis(parks: [try strip(-610), try box(30000, 0, 30100, 100)], residential: residential,
                                           builtUpAreas: [.init(name: "城区", geometry: try box(-1000, -1000, 11000, 2000))]),
                parkLabels: ["P-1", "P-2"], limit: .count(2))
        }
    }

    @Test func greedyAgreesWithBruteForceAndExcludesWhatCannotBeAPark() throws {
        let problem = try clusters.prepare()
        let result = try problem.solve()
        let codes = { (picks: [Suggestions.Pick]) in picks.map { result.candidates[$0.candidate].code } }
        #expect(codes(result.picks) == ["C", "A"])
        #expect(!result.exchangeChanged)
        #expect(result.picks.map(\.newlyCovered) == [320_000, 296_000])
        #expect(result.picks.map(\.radius) == [500, 500])
        let optimum = try bruteForce(problem, k: 2)
        #expect(abs(optimum.value - 616_000) < 1e-6)
        #expect(Set(result.picks.map(\.candidate)) == optimum.sites)
        // Today: 240 000 of 922 000 m² covered; after both picks 856 000.
        #expect(abs(result.today[0].coveredArea - 240_000) < 1e-6 && abs(result.today[0].residentialArea - 922_000) < 1e-6)
        #expect(abs(result.coverage(after: 1)[0].coveredArea - 856_000) < 1e-6)
        let excluded = result.excluded.map { (result.candidates[$0.candidate].code, $0.reason.key) }
        #expect(excluded.map(\.0) == ["D", "P", "S", "K", "O"])
        #expect(excluded.map(\.1) == ["overlaps_chosen_site", "point_without_footprint", "too_small", "already_a_park",
                                      "outside_built_up_areas"])
        #expect(result.excluded[0].reason == .overlapsChosenSite("C"))
        #expect(result.excluded[3].reason == .alreadyAPark("P-2"))
    }

    @Test func moreSitesThanAreUsefulStopsWhereGainsReachZero() throws {
        var analysis = try clusters
        analysis.limit = .count(5)
        let result = try analysis.run()
        #expect(result.picks.map { result.candidates[$0.candidate].code } == ["C", "A", "B"])
        #expect(result.picks.map(\.radius) == [500, 500, 300])
        #expect(abs(result.picks[2].newlyCovered - 46_000) < 1e-6)
        #expect(result.stoppedAtZero)
    }

    /// Budget 13 000 m²: one 10 000 m² strip and B (3000 m²) fit, two strips do not. Best: C + B.
    @Test func aBudgetLimitsTheSitesArea() throws {
        var analysis = try clusters
        analysis.limit = .budget(13_000)
        let result = try analysis.run()
        #expect(result.picks.map { result.candidates[$0.candidate].code } == ["C", "B"])
        #expect(result.picks.map(\.siteArea).reduce(0, +) <= 13_000)
        #expect(abs(result.totalNewlyCovered - 366_000) < 1e-6)
    }

    /// Twenty small line cities drawn from a fixed stream (8 sites, 12 blocks, k = 3): the chosen
    /// sites are worth what brute force over every 3-subset finds best, and lazy greedy chooses as a
    /// greedy that re-measures every site at every step would.
    @Test func smallRandomCitiesReachTheBruteForceOptimum() throws {
        var state: UInt64 = 2016
        func next(_ range: Double) -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * range
        }
        for city in 0..<20 {
            let blocks = try (0..<12).map { _ in let x = next(4800); return try block(x, x + 20 + next(180)) }
            let sites = try (0..<8).map { n in Candidate(layer: "sites", code: "S\(n)", geometry: try strip(next(5000))) }
            let analysis = SuggestAnalysis(candidates: sites, coverage: CoverageAnalysis(parks: [], residential: blocks),
                                           limit: .count(3))
            let problem = try analysis.prepare()
            let result = try problem.solve()
            let chosen = result.picks.map { pick in problem.screening.sites.firstIndex { $0.candidate == pick.candidate }! }
            let optimum = try bruteForce(problem, k: 3)
            #expect(abs(try problem.selection.value(of: chosen) - optimum.value) <= 1e-9 * optimum.value, "city \(city)")
            // Plain greedy: every open site re-measured at every step.
            var plain: [Int] = []
            while plain.count < 3 {
                let open = problem.screening.sites.indices.filter { site in
                    !plain.contains(site) && !plain.contains { problem.selection.conflicts[site].contains($0) }
                }
                let gains = try open.map { try problem.selection.gain($0, plain) }
                guard let best = gains.indices.max(by: { gains[$0] < gains[$1] || (gains[$0] == gains[$1] && open[$0] > open[$1]) }),
                      gains[best] > SiteSelection.nothing else { break }
                plain.append(open[best])
            }
            #expect(result.greedy == plain.map { problem.screening.sites[$0].candidate }, "city \(city)")
        }
    }

    /// The knapsack trap: within 10 000 m², E (3000 m², 300 m) reaches 300 × 200 = 60 000 m², 20 per
    /// m² of site; C (10 000 m², 500 m) reaches 187.5 × 800 = 150 000 m², 15 per m². Greedy by gain
    /// per m² takes E, and then C no longer fits; exchange swaps E for C.
    @Test func exchangeLeavesTheKnapsackTrap() throws {
        let analysis = SuggestAnalysis(
            candidates: [Candidate(layer: "sites", code: "E", geometry: try box(0, 0, 10, 300)),
                         Candidate(layer: "sites", code: "C", geometry: try strip(5000))],
            coverage: CoverageAnalysis(parks: [], residential: [try box(20, 50, 320, 250), try block(5020, 5207.5)]),
            limit: .budget(10_000))
        let result = try analysis.run()
        #expect(result.greedy.map { result.candidates[$0].code } == ["E"])
        #expect(result.exchangeChanged)
        #expect(result.picks.map { result.candidates[$0.candidate].code } == ["C"])
        #expect(abs(result.totalNewlyCovered - 150_000) < 1e-6)
    }

    /// A class filter leaves out other classes and keeps candidates without a class; --min-area
    /// leaves out smaller sites.
    @Test func classAndMinimumAreaFilters() throws {
        var analysis = try clusters
        analysis.candidates[0].siteClass = "改造提升类"
        analysis.candidates[2].siteClass = "用地变更类"
        analysis.classes = ["用地变更类"]
        analysis.minimumArea = 5000
        let result = try analysis.run()
        #expect(result.picks.map { result.candidates[$0.candidate].code } == ["C"])
        #expect(result.stoppedAtZero)
        let reasons = Dictionary(uniqueKeysWithValues: result.excluded.map { (result.candidates[$0.candidate].code, $0.reason) })
        #expect(reasons["A"] == .classNotAsked("改造提升类"))
        #expect(reasons["B"] == .belowMinimumArea(area: 3000, minimum: 5000))
    }
}
