import ArgumentParser
import GeoIO
import Inventory

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the empty survey form of a layer, with its Chinese headers, for surveyors to fill.",
        discussion: "Example:\n  habitat template old_factories 旧厂区现状统计表.xlsx")

    @OptionGroup var layerArgument: LayerArgument

    @Argument(help: ArgumentHelp("The form to write: .xlsx or .csv (UTF-8 with BOM, for Excel and WPS).", valueName: "out"))
    var out: String

    func run() throws {
        let schema = try usage("layer") { try LayerSchema.named(layerArgument.layer) }
        let format = try usage("out") { try VectorFormat(path: out) }
        guard format == .csv || format == .xlsx else { throw UsageError(message: "out: a form is written as .xlsx or .csv") }
        let template = try schema.formTemplate(blankRow: format == .xlsx)
        try VectorWriter.write(template, to: out, format: format)
        print("\(out): \(schema.title) form with columns \(template.fields.map(\.name).joined(separator: ", "))")
    }
}
