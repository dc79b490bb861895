import ArgumentParser
import Planning

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fill a form from the inventory as the office prints and stamps it: XLSX, HTML and CSV (UTF-8 with BOM).",
        discussion: """
            Forms: greening (提升城市绿化品质工作进度表), factories (云南省旧厂区改造情况月报表), \
            residential (旧住宅区改造情况月报表), villages (城中村改造进度表), register (云南省旧厂区现状统计表), \
            housing (曲靖市保障性安居工程建设进展情况月报表, from the figures counties enter: see 'habitat figures'), \
            incidents (治乱治脏工作月报表: cases by kind, on-time closure, inspection score and rank per county; \
            deadlines from --deadlines, by default habitat's own rules, see 'habitat incidents --help'). \
            The period runs to the 25th of the month; this month's increases are the events since the 26th \
            before, and the year to date runs from 26 December (events on 26–31 December count in January).

            Each form follows its original: title, 统计期间, 填报单位（盖章）, the headers in their levels, the \
            notes, and 填表人 / 联系电话 / 填表日期 (the day of the report), left blank to fill by hand where not \
            given. The XLSX prints on A4 landscape, one page wide.

            Example:
              habitat report qujing.gpkg factories --month 2018-03 --unit 罗平县住房和城乡建设局 --out forms/2018-03
            """)

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("greening, factories, residential, villages, register, housing or incidents.", valueName: "form"))
    var form: String

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Only this county: its name (麒麟区) or administrative code (530302).", valueName: "county"))
    var district: String?

    @Option(help: ArgumentHelp("The reporting unit, for 填报单位（盖章）.", valueName: "name"))
    var unit: String?

    @Option(help: ArgumentHelp("Who filled the form in (填表人).", valueName: "name"))
    var preparer: String?

    @Option(help: ArgumentHelp("A telephone number for questions (联系电话).", valueName: "number"))
    var phone: String?

    @Option(help: ArgumentHelp("Where the form files go.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("For the incidents form: deadline rules, the shipped rules' name or a CSV file.", valueName: "name|file"))
    var deadlines = DeadlineRules.shippedName

    func run() throws {
        let period = try usage("--month") { try ReportingPeriod(parsing: month) }
        let table: FormTable
        if form == IncidentForm.name {
            let rules = try IncidentsCommand.rules(deadlines)
            let records = try IncidentRecords.read(project: project.file, rules: rules)
            let limited = try usage("--district") { try records.limited(to: district) }
            table = IncidentForm.table(IncidentFigures(limited, period), units: limited.units, onlyCounty: district != nil)
        } else {
            guard let monthly = MonthlyForm(rawValue: form) else { throw UsageError(message: "\(ReportError.unknownForm(form))") }
            let inventory = try ProgrammeInventory.read(project: project.file)
            table = try monthly.table(try usage("--district") { try inventory.limited(to: district) }, period)
        }
        try table.write(to: out, name: form, signature: FormSignature(unit: unit, preparer: preparer, phone: phone))
        print(TextTable(header: table.columns, rows: table.rows.map { $0.map(\.text) }).rendered, terminator: "")
        print("\(out): \(form).xlsx, \(form).html, \(form).csv")
    }
}
