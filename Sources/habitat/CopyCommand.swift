import ArgumentParser
import Inventory

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole project, history, import log and plans included, to a new GeoPackage or PostgreSQL schema.",
        discussion: """
            Either store to either: a GeoPackage into a database to share it, a database's project into a
            GeoPackage to take it along or keep it. The copy is made whole or not at all.
            Examples:
              habitat copy qujing.gpkg 'postgresql:///habitat?schema=qujing'
              habitat copy 'postgresql://planner@db/habitat?schema=qujing' qujing-2018-12.gpkg
            """)

    @Argument(help: ArgumentHelp("The project to copy.", valueName: "source"))
    var source: String

    @Argument(help: ArgumentHelp("The new project: a .gpkg file or a postgresql:// schema, not there yet.", valueName: "destination"))
    var destination: String

    func run() throws {
        let copied = try ProjectFile.copy(source, to: destination)
        print("\(copied.path): a copy of \(copied.source) — \(copied.features) features, \(copied.versions) history rows, "
              + "\(copied.logLines) import log lines")
    }
}
