import ArgumentParser
import GeoIO
import Inventory

/// The project every project command starts with: a GeoPackage or a PostgreSQL schema.
struct ProjectFileArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The project: a GeoPackage file, or a database as postgresql://[user@][host][:port]/dbname[?schema=NAME] "
                                 + "(schema habitat unless named; the password from PGPASSWORD or ~/.pgpass).", valueName: "file.gpkg"))
    var file: String
}

/// A layer of the project.
struct LayerArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The layer: \(LayerSchema.all.map(\.name).joined(separator: ", ")).", valueName: "layer"))
    var layer: String

    func validate() throws {
        do { _ = try LayerSchema.named(layer) } catch { throw ValidationError("\(error)") }
    }
}

/// What a command that changes the project says while another process holds the file.
func waitingFor(_ file: String) -> () -> Void {
    { warn("\(PostGISAddress.masked(file)) is being changed by another habitat process; waiting for it") }
}
