import ArgumentParser
import Planning

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fill a monthly form from the inventory: CSV (UTF-8 with BOM), XLSX and HTML.",
        discussion: """
            Forms: greening (提升城市绿化品质工作进度表), factories (云南省旧厂区改造情况月报表), \
            residential (旧住宅区改造情况月报表), villages (城中村改造进度表). The period runs to the 25th of \
            the month; this month's increases are the events since the 26th before, and the year to date \
            runs from 26 December (events on 26–31 December count in January).

            Example:
              habitat report qujing.gpkg factories --month 2018-03 --out forms/2018-03
            """)

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("greening, factories, residential or villages.", valueName: "form"))
    var form: String

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Only this county: its name (麒麟区) or administrative code (530302).", valueName: "county"))
    var district: String?

    @Option(help: ArgumentHelp("Where the form files go.", valueName: "dir"))
    var out: String

    func run() throws {
        guard let form = MonthlyForm(rawValue: form) else { throw UsageError(message: "\(ReportError.unknownForm(form))") }
        let period = try usage("--month") { try ReportingPeriod(parsing: month) }
        let inventory = try ProgrammeInventory.read(project: project.file)
        let table = form.table(try usage("--district") { try inventory.limited(to: district) }, period)
        try table.write(to: out, name: form.rawValue)
        print(TextTable(header: table.headers, rows: table.rows.map { $0.map(\.text) }).rendered, terminator: "")
        print("\(out): \(form.rawValue).csv, \(form.rawValue).xlsx, \(form.rawValue).html")
    }
}
