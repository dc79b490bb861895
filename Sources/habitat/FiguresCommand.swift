import ArgumentParser
import Foundation
import Inventory
import Planning

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "The figures counties enter each month for the forms (green investment, the housing form), and their submission.",
        discussion: """
            The greening form's 创园开展情况, 绿规编制情况 and 本月新增投资量, and the cells of the \
            曲靖市保障性安居工程建设进展情况月报表, per county and month, filled in the workbook 'habitat template \
            figures' writes. 本年累计完成投资量 is the sum of the months of the reporting year entered \
            (26 December to the 25th). A county submits its month by the 25th (China time); its figures then \
            lock until the city reopens them. Changes made here are recorded as made by \(Editor.commandLine.name), \
            the city office.
            """,
        subcommands: [FiguresImportCommand.self, FiguresShowCommand.self, FiguresSubmitCommand.self,
                      FiguresReopenCommand.self, FiguresStatusCommand.self])

    /// A reporting unit named by code or by the name the forms write.
    static func district(_ text: String) throws -> String {
        guard let code = Counties.reportingUnit(text) else {
            throw UsageError(message: "--district: \(ReportError.unknownCounty(text, known: Counties.reportingUnits.map { "\(Counties.name(for: $0)) \($0)" }))")
        }
        return code
    }
}

struct FiguresImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a filled figures workbook into the project, all or nothing.",
        discussion: "Example:\n  habitat figures import qujing.gpkg 麒麟区-2018-03.xlsx --district 麒麟区")

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("The workbook, as habitat template figures writes it.", valueName: "file.xlsx"))
    var file: String

    @Option(help: ArgumentHelp("The county whose figures these are (needed for the housing form).", valueName: "county"))
    var district: String?

    @Option(help: ArgumentHelp("The month, where the form's 统计期间 line does not say.", valueName: "YYYY-MM"))
    var month: String?

    func run() throws {
        let code = try district.map(FiguresCommand.district)
        let period = try month.map { month in try usage("--month") { try ReportingPeriod(parsing: month) } }
        let read = try FiguresWorkbook.read(file, district: code, month: period)
        do {
            try ProjectFile.enterFigures(project.file, read.figures.map { ($0.district, read.period.name, $0.key, $0.value) },
                                         by: .commandLine, waiting: waitingFor(project.file))
        } catch let error as FiguresError {
            throw InputError(description: "\(file): \(error)")
        }
        let counties = Set(read.figures.map(\.district)).map(Counties.name(for:)).sorted()
        print("\(read.period.name): \(read.figures.count) figure(s) of \(counties.isEmpty ? "no county" : counties.joined(separator: ", "))")
    }
}

struct FiguresShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "The figures entered, as they stand: who entered each and when; or the table of figures (--keys).")

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("Only this month.", valueName: "YYYY-MM"))
    var month: String?

    @Option(help: ArgumentHelp("Only this county.", valueName: "county"))
    var district: String?

    @Flag(help: "List the figures a county can enter: key, Chinese name, kind, unit.")
    var keys = false

    @Option(help: "table or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let table: TextTable
        if keys {
            table = TextTable(header: ["key", "name", "kind", "unit"], rows: FigureKey.all.map { [$0.key, $0.name, $0.kind.rawValue, $0.unit] })
        } else {
            let project = try ProjectFile.open(self.project.file)
            let code = try district.map(FiguresCommand.district)
            let month = try self.month.map { month in try usage("--month") { try ReportingPeriod(parsing: month) }.name }
            let figures = try project.monthlyFigures()
            let slots = Set(figures.entries.map { "\($0.district)|\($0.month)" }).sorted()
            let rows = slots.flatMap { slot -> [[String]] in
                let parts = slot.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard code == nil || parts[0] == code, month == nil || parts[1] == month else { return [] }
                return figures.current(parts[0], parts[1]).map { entry in
                    let key = FigureKey.named(entry.key)
                    return [Counties.name(for: entry.district), entry.month, entry.key, key?.name ?? "", entry.value.shown, key?.unit ?? "",
                            entry.enteredBy, Instant.chinaTime(entry.enteredAt)]
                }
            }
            table = TextTable(header: ["county", "month", "key", "name", "value", "unit", "entered by", "entered at (北京时间)"], rows: rows)
        }
        print(format == .csv ? table.csv : table.rendered, terminator: "")
    }
}

/// A county's month: the project, the county and the month.
struct CountyMonth: ParsableArguments {
    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The county: its name (麒麟区) or code (530302).", valueName: "county"))
    var district: String

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    func parsed() throws -> (district: String, month: String) {
        (try FiguresCommand.district(district), try usage("--month") { try ReportingPeriod(parsing: month) }.name)
    }
}

struct FiguresSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit a county's month: its figures lock.")

    @OptionGroup var county: CountyMonth

    func run() throws {
        let (district, month) = try county.parsed()
        try ProjectFile.submitFigures(county.project.file, district: district, month: month, by: .commandLine, waiting: waitingFor(county.project.file))
        let status = try ProjectFile.open(county.project.file).submissions().status(district, month)
        print("\(Counties.name(for: district)) \(month): \(status.word)")
    }
}

struct FiguresReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a county's submitted month, so that its figures can change.")

    @OptionGroup var county: CountyMonth

    func run() throws {
        let (district, month) = try county.parsed()
        try ProjectFile.reopenFigures(county.project.file, district: district, month: month, by: .commandLine, waiting: waitingFor(county.project.file))
        print("\(Counties.name(for: district)) \(month): reopened")
    }
}

struct FiguresStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Who has submitted a month: on time (by the 25th, China time), late, or not.")

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: "table or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let period = try usage("--month") { try ReportingPeriod(parsing: month) }
        let rows = try ProjectFile.open(project.file).submissionStatus(month: period.name).map { line -> [String] in
            let at: String = switch line.status {
            case let .onTime(at), let .late(at): at
            case .notSubmitted: ""
            }
            return [line.name, line.district, line.status.word, at.isEmpty ? "" : Instant.chinaTime(at)]
        }
        let table = TextTable(header: ["county", "code", "status", "submitted at (北京时间)"], rows: rows)
        print(format == .csv ? table.csv : table.rendered, terminator: "")
    }
}
