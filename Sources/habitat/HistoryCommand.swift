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
        let project = try ProjectFile.open(file)
        let history = try project.history(layer, code: code)
        // Who made each version: its batch's author in the import log (none before habitat recorded them).
        let authors = try project.authors()
        let rows = history.features.indices.map { index in
            ["code", "name", "change", "valid_from", "valid_to", "batch"].map { history.value($0, at: index).description }
                + [history.value("batch", at: index).doubleValue.flatMap { authors[Int($0)] } ?? ""]
        }
        print(TextTable(header: ["code", "name", "change", "valid from", "valid to", "batch", "author"], rows: rows).rendered,
              terminator: "")
    }
}
