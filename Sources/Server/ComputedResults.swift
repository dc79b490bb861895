import Foundation
import Inventory
import Planning

/// What the server computes from the project — coverage with its layers, indicators — kept while
/// the project stays as it was (its change mark), so that paging through the service area does not
/// compute it again for every page. A change to the project computes afresh.
final class ComputedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var coverageReports: [String: CoverageReport] = [:]
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
}
