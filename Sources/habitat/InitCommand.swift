import ArgumentParser
import GeoCore
import Inventory

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project: one GeoPackage, or one PostgreSQL schema, holding every layer of the programme.",
        discussion: "Examples:\n  habitat init qujing.gpkg --crs EPSG:4544 --name 曲靖市人居环境提升\n  habitat init 'postgresql://planner@db/habitat?schema=qujing' --crs EPSG:4544 --name 曲靖市人居环境提升")

    @Argument(help: ArgumentHelp("The new project file, or postgresql://[user@][host][:port]/dbname[?schema=NAME] for a new schema.", valueName: "file.gpkg"))
    var file: String

    @Option(help: ArgumentHelp("The project CRS, projected in metres; every layer is kept in it.", valueName: "crs"))
    var crs = "EPSG:4544"

    @Option(help: "The programme's name.")
    var name = ""

    func run() throws {
        let projectCRS = try usage("--crs") { try CRS(crs) }
        let project = try ProjectFile.create(file, crs: projectCRS, name: name)
        print("\(project.path): a new project in \(project.crs) with layers \(LayerSchema.all.map(\.name).joined(separator: ", "))")
    }
}

/// Runs `parse`, turning its error into bad usage of `option`.
func usage<T>(_ option: String, _ parse: () throws -> T) throws -> T {
    do { return try parse() } catch { throw UsageError(message: "\(option): \(error)") }
}
