import Foundation
import GeoIO
import Inventory
import Planning

/// What the server computes from the project — coverage with its layers, indicators — kept while
/// the project stays as it was (its change mark), so that paging through the service area does not
/// compute it again for every page. A change to the project computes afresh.
final class ComputedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var coverageReports: [String: CoverageReport] = [:]
    private var hotspotLayers: [String: FeatureLayer] = [:]
    private let projectPath: String

    init(projectPath: String) {
        self.projectPath = projectPath
    }

    /// Coverage of the project as it is, or as the inventory said at `asOf`, with its layers.
    func coverage(_ project: ProjectFile, asOf: String?) throws -> CoverageReport {
        let key = "\(try project.changeMark())|\(asOf ?? "now")"
        if let report = lock.withLock({ coverageReports[key] }) { return report }
        let report = try CoverageJob.fromProject(projectPath, asOf: asOf, layers: true)
        lock.withLock {
            // Only the latest few: a result of an older state of the project is of no more use.
            if coverageReports.count >= 8 { coverageReports.removeAll() }
            coverageReports[key] = report
        }
        return report
    }

    /// The hotspots of the project as it is, now: the cases of the last 90 days, a case open over
    /// 30 days making a 热点难点 (kept for the hour: the clock moves a case over 30 days too).
    func hotspots(_ project: ProjectFile) throws -> FeatureLayer {
        let now = CaseTime.now
        let key = "\(try project.changeMark())|\(now.seconds / 3600)"
        if let layer = lock.withLock({ hotspotLayers[key] }) { return layer }
        let found = try Hotspots.read(project: projectPath, asOf: now)
        let layer = found.hotspots.layer(crs: found.crs ?? project.crs)
        lock.withLock {
            if hotspotLayers.count >= 8 { hotspotLayers.removeAll() }
            hotspotLayers[key] = layer
        }
        return layer
    }
}
