import ArgumentParser
import Inventory

/// The project file every project command starts with.
struct ProjectFileArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The project file.", valueName: "file.gpkg"))
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
    { warn("\(file) is being changed by another habitat process; waiting for it") }
}
