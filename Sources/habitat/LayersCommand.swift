import ArgumentParser
import Inventory
import Planning

struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers", abstract: "List a project's layers: features, extent, CRS and last change.")

    @OptionGroup var project: ProjectFileArgument

    private var file: String { project.file }

    func run() throws {
        let project = try ProjectFile.open(file)
        let rows = try project.summaries().map { layer in
            [layer.name, layer.title, String(layer.count),
             layer.extent.map { String(format: "%.0f %.0f, %.0f %.0f", $0.minX, $0.minY, $0.maxX, $0.maxY) } ?? "–",
             layer.lastChange ?? "–"]
        }
        print(TextTable(header: ["layer", "名称", "features", "extent (\(project.crs))", "last change"], rows: rows).rendered,
              terminator: "")
    }
}
