import ArgumentParser
import Inventory

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Remove a feature from a layer; its history stays.")

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("The feature's code.", valueName: "code"))
    var code: String

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func run() throws {
        try ProjectFile.delete(file, layer: layer, code: code, waiting: waitingFor(file))
        print("\(layer): \(code) deleted")
    }
}
