import ArgumentParser
import Inventory

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Remove a feature from a layer; its history stays.")

    @Argument(help: ArgumentHelp("The project file.", valueName: "file.gpkg"))
    var file: String

    @Argument(help: ArgumentHelp("The layer.", valueName: "layer"))
    var layer: String

    @Argument(help: ArgumentHelp("The feature's code.", valueName: "code"))
    var code: String

    func run() throws {
        try ProjectFile.delete(file, layer: layer, code: code) { warn("\(file) is being changed by another habitat process; waiting for it") }
        print("\(layer): \(code) deleted")
    }
}
