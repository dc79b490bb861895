import GeoCore
import Inventory

/// The project, opened once per worker thread and kept: GDAL datasets are not thread-safe, and
/// opening one (SQLite reading the schema of every table) costs more than serving a page. Reopened
/// when the project has changed since (an import may have added fields to a layer), so a read
/// never goes through an outdated description of the tables.
final class OpenProject: @unchecked Sendable {
    private let path: String
    private let perThread = ThreadLocal { Opened() }

    private final class Opened {
        var project: ProjectFile?
        var mark = ""
    }

    init(path: String) {
        self.path = path
    }

    /// This thread's project, current.
    func get() throws -> ProjectFile {
        let opened = perThread.value
        if let project = opened.project, try project.changeMark() == opened.mark { return project }
        opened.project = nil
        let project = try ProjectFile.open(path)
        (opened.project, opened.mark) = (project, try project.changeMark())
        return project
    }
}
