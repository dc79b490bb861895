import ArgumentParser
import Foundation
import GeoIO
import Inventory
import Planning

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the empty survey form of a layer, with its Chinese headers, for surveyors to fill; or the monthly figures workbook.",
        discussion: """
            'figures' instead of a layer writes the workbook counties enter their month's figures in \
            (habitat figures import reads it back): one sheet per form as it prints (提升城市绿化品质工作进度表, \
            曲靖市保障性安居工程建设进展情况月报表), the figure cells blank, —— where the form asks nothing.

            Examples:
              habitat template old_factories 旧厂区现状统计表.xlsx
              habitat template figures --month 2018-03 figures-2018-03.xlsx
            """)

    @Argument(help: ArgumentHelp("The layer (\(LayerSchema.all.map(\.name).joined(separator: ", "))), or figures.", valueName: "layer"))
    var layer: String

    @Argument(help: ArgumentHelp("The form to write: .xlsx or .csv (UTF-8 with BOM, for Excel and WPS); figures: .xlsx.", valueName: "out"))
    var out: String

    @Option(help: ArgumentHelp("For figures: the report month its 统计期间 names (this month's by default).", valueName: "YYYY-MM"))
    var month: String?

    func validate() throws {
        guard layer != "figures" else { return }
        do { _ = try LayerSchema.named(layer) } catch { throw ValidationError("\(error)") }
        if month != nil { throw ValidationError("--month goes with the figures workbook only") }
    }

    func run() throws {
        let format = try usage("out") { try VectorFormat(path: out) }
        if layer == "figures" {
            guard format == .xlsx else { throw UsageError(message: "out: the figures workbook is written as .xlsx") }
            let period = try month.map { month in try usage("--month") { try ReportingPeriod(parsing: month) } } ?? .current
            try FiguresWorkbook.writeTemplate(to: out, period: period)
            print("\(out): \(FiguresWorkbook.forms.map(\.title).joined(separator: ", ")) for \(period.name)")
            return
        }
        let schema = try usage("layer") { try LayerSchema.named(layer) }
        guard format == .csv || format == .xlsx else { throw UsageError(message: "out: a form is written as .xlsx or .csv") }
        let template = try schema.formTemplate(blankRow: format == .xlsx)
        try VectorWriter.write(template, to: out, format: format)
        print("\(out): \(schema.title) form with columns \(template.fields.map(\.name).joined(separator: ", "))")
    }
}
