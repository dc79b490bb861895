import ArgumentParser
import Inventory
import Planning

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every version of a layer's features, or of one feature, oldest first.")

    @OptionGroup var project: ProjectFileArgument

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("One feature's code.", valueName: "code"))
    var code: String?

    private var file: String { project.file }
    private var layer: String { layerArgument.layer }

    func run() throws {
        let history = try ProjectFile.open(file).history(layer, code: code)
        let rows = history.features.indices.map { index in
            ["code", "name", "change", "valid_from", "valid_to", "batch"].map { history.value($0, at: index).description }
        }
        print(TextTable(header: ["code", "name", "change", "valid from", "valid to", "batch"], rows: rows).rendered,
              terminator: "")
    }
}
