import Foundation
import GeoIO
import Inventory
import Planning

/// What the server computes from the project — coverage with its layers, indicators, hotspots —
/// kept while the project stays as it was (its change mark), so that paging through the service
/// area or reloading the map does not compute it again. A result as of an instant is kept under
/// the last import at or before it: the instants between the same two imports read the same
/// inventory, and share one result. A change to the project computes afresh.
final class ComputedResults: @unchecked Sendable {
    private let projectPath: String
    private let coverageReports = ComputedOnce<CoverageReport>()
    private let indicatorReports = ComputedOnce<IndicatorReport>()
    private let hotspotLayers = ComputedOnce<FeatureLayer>()

    init(projectPath: String) {
        self.projectPath = projectPath
    }

    /// How many results have been computed rather than found kept (for tests).
    var computations: Int { coverageReports.computations + indicatorReports.computations + hotspotLayers.computations }

    /// Coverage of the project as it is, or as the inventory said at `asOf`, with its layers.
    func coverage(_ project: ProjectFile, asOf: String?) throws -> CoverageReport {
        try coverageReports.value(for: try state(of: project, asOf: asOf)) {
            try CoverageJob.fromProject(projectPath, asOf: asOf, layers: true)
        }
    }

    /// The indicators of `year` against the profile `profile`, of the project as it is or as the
    /// inventory said at `asOf`.
    func indicators(_ project: ProjectFile, profile: String, year: Int, asOf: String?) throws -> IndicatorReport {
        try indicatorReports.value(for: "\(try state(of: project, asOf: asOf))|\(profile)|\(year)") {
            try IndicatorsJob.run(project: projectPath, profile: try Profile.named(profile), years: [year], asOf: asOf)
        }
    }

    /// The hotspots of the project as it is, now: the cases of the last 90 days, a case open over
    /// 30 days making a 热点难点 (kept for the hour: the clock moves a case over 30 days too).
    func hotspots(_ project: ProjectFile) throws -> FeatureLayer {
        let now = CaseTime.now
        return try hotspotLayers.value(for: "\(try project.changeMark())|\(now.seconds / 3600)") {
            let found = try Hotspots.read(project: projectPath, asOf: now)
            return found.hotspots.layer(crs: found.crs ?? project.crs)
        }
    }

    /// The project's change mark, and which of its states `asOf` reads: now, or the moment of the
    /// last import (or deletion) at or before it. Before the first one there is no state: the
    /// instant itself, which the computation refuses.
    private func state(of project: ProjectFile, asOf: String?) throws -> String {
        let mark = try project.changeMark()
        guard let asOf else { return mark + "|now" }
        let log = try project.importLog()
        let moments = log.features.indices.map { log.value("at", at: $0).description }
        return mark + "|" + (moments.filter { $0 <= asOf }.max() ?? "before \(asOf)")
    }
}

/// Results kept by key, each computed once: a request for a key being computed waits for that
/// computation rather than starting its own, so a burst of requests costs one computation. A
/// failure is not kept (the next request tries again). Only the latest few results are kept: one
/// of an older state of the project is of no more use.
final class ComputedOnce<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var kept: [String: Value] = [:]
    private var underWay: Set<String> = []
    private var computed = 0
    private let capacity = 8

    var computations: Int { condition.withLock { computed } }

    func value(for key: String, compute: () throws -> Value) throws -> Value {
        condition.lock()
        while underWay.contains(key) { condition.wait() }
        if let value = kept[key] {
            condition.unlock()
            return value
        }
        underWay.insert(key)
        computed += 1
        condition.unlock()

        let result = Result { try compute() }
        condition.withLock {
            underWay.remove(key)
            if case let .success(value) = result {
                if kept.count >= capacity { kept.removeAll() }
                kept[key] = value
            }
            condition.broadcast()
        }
        return try result.get()
    }
}
