/// Choosing sites to maximise what they bring within reach (the maximal covering location
/// problem): greedy by largest marginal gain, then exchange (see `improve`).
///
/// Gains only shrink as sites are chosen (coverage is submodular), so the greedy step evaluates
/// lazily: a site's last gain bounds its next one, and only the site on top is re-evaluated. A
/// site whose buffer meets no chosen site's keeps its gain exactly. With a budget the greedy step
/// ranks by gain per m² of site, and only sites that still fit take part.
struct SiteSelection {
    typealias Limit = SuggestAnalysis.Limit

    /// Each site's gain with nothing chosen.
    let initial: [Double]
    /// Each site's area, what a budget limits.
    let costs: [Double]
    /// The sites each site cannot be chosen with (overlapping footprints).
    let conflicts: [[Int]]
    /// The sites whose choice can change each site's gain.
    let neighbours: [[Int]]
    let limit: Limit
    /// The marginal gain of a site when the others are chosen.
    let gain: (Int, [Int]) throws -> Double

    /// Gains at or below this are nothing (a millionth of a m² or of a person).
    static let nothing = 1e-6

    struct Outcome {
        let chosen: [Int]
        /// What the greedy step alone chose.
        let greedy: [Int]
        /// Fewer sites than asked for: none left would add anything.
        let stoppedAtZero: Bool
    }

    func run() throws -> Outcome {
        let greedy = try extend([])
        let chosen = try improve(greedy.chosen)
        let stopped = Set(chosen) == Set(greedy.chosen) ? greedy.stoppedAtZero : try extend(chosen).stoppedAtZero
        return Outcome(chosen: chosen, greedy: greedy.chosen, stoppedAtZero: stopped)
    }

    /// The total gain of a set: each site's marginal gain over those before it.
    func value(of sites: [Int]) throws -> Double {
        try sites.indices.reduce(0) { sum, position in try sum + gain(sites[position], Array(sites[..<position])) }
    }

    /// Adds sites to `start` greedily until the limit, or until none adds anything; never a
    /// `forbidden` one.
    func extend(_ start: [Int], forbidden: Int? = nil) throws -> (chosen: [Int], stoppedAtZero: Bool) {
        var chosen = start
        var open = [Bool](repeating: true, count: initial.count)
        if let forbidden { open[forbidden] = false }
        var bound = initial
        var fresh = [Bool](repeating: start.isEmpty, count: initial.count)
        var used = start.map { costs[$0] }.reduce(0, +)
        for site in start {
            open[site] = false
            for other in conflicts[site] { open[other] = false }
        }
        func key(_ site: Int) -> Double {
            if case .budget = limit { return bound[site] / costs[site] }
            return bound[site]
        }
        while true {
            if case let .count(k) = limit, chosen.count >= k { return (chosen, false) }
            var best: Int?
            for site in initial.indices where open[site] {
                if case let .budget(budget) = limit, used + costs[site] > budget {
                    open[site] = false  // the budget left only shrinks
                    continue
                }
                if best == nil || key(site) > key(best!) { best = site }
            }
            // Out of sites: short of a count, which none left could help; a budget is simply spent.
            guard let site = best else {
                if case .count = limit { return (chosen, true) }
                return (chosen, false)
            }
            if !fresh[site] {
                bound[site] = try gain(site, chosen)
                fresh[site] = true
                continue
            }
            if bound[site] <= Self.nothing { return (chosen, true) }
            chosen.append(site)
            used += costs[site]
            open[site] = false
            for other in conflicts[site] { open[other] = false }
            for other in neighbours[site] { fresh[other] = false }
        }
    }

    /// Exchange until no swap helps; then, where one does, drop a chosen site, fill up greedily
    /// without it and exchange again: a way out of the local optimum single swaps cannot leave
    /// (where sites compete for the same blocks, greedy and swaps alone can stop a point or two
    /// short). Only what raises the total is kept.
    func improve(_ start: [Int]) throws -> [Int] {
        var chosen = try exchange(start)
        var value = try self.value(of: chosen)
        var dropping = 0
        while dropping < chosen.count {
            let trial = try exchange(extend(chosen.filter { $0 != chosen[dropping] }, forbidden: chosen[dropping]).chosen)
            let trialValue = try self.value(of: trial)
            if trialValue > value + 1e-9 * max(1, value) {
                (chosen, value, dropping) = (trial, trialValue, 0)
            } else {
                dropping += 1
            }
        }
        return chosen
    }

    /// Swaps a chosen site for an unchosen one while the total grows, the best swap first; after
    /// each swap, fills up to the limit again.
    func exchange(_ start: [Int]) throws -> [Int] {
        var chosen = start
        let order = initial.indices.sorted { initial[$0] > initial[$1] || (initial[$0] == initial[$1] && $0 < $1) }
        while true {
            var bar = 1e-9 * max(1, try value(of: chosen))
            var best: (out: Int, in: Int)?
            for out in chosen {
                let rest = chosen.filter { $0 != out }
                let loss = try gain(out, rest)
                let used = rest.map { costs[$0] }.reduce(0, +)
                let blocked = Set(chosen + rest.flatMap { conflicts[$0] })
                for site in order {
                    // A site's gain never exceeds its gain alone: nothing further down can do better.
                    if initial[site] - loss <= bar { break }
                    if blocked.contains(site) { continue }
                    if case let .budget(budget) = limit, used + costs[site] > budget { continue }
                    let delta = try gain(site, rest) - loss
                    if delta > bar { (bar, best) = (delta, (out, site)) }
                }
            }
            guard let best else { return chosen }
            chosen[chosen.firstIndex(of: best.out)!] = best.in
            chosen = try extend(chosen).chosen
        }
    }

    /// The sites in the order a planner would build them: each the one adding most to those before.
    func ranked(_ sites: [Int]) throws -> [Int] {
        var left = sites, ranked: [Int] = []
        while !left.isEmpty {
            let gains = try left.map { try gain($0, ranked) }
            let best = gains.indices.max { gains[$0] < gains[$1] || (gains[$0] == gains[$1] && left[$0] > left[$1]) }!
            ranked.append(left.remove(at: best))
        }
        return ranked
    }
}
