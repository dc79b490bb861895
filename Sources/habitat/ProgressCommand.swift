import ArgumentParser
import Planning

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Renovation progress per county against plan at a month's reporting date (the 25th).",
        discussion: """
            Households are asked for in full for the years before and pro rata (twelfths) for this one; a \
            factory class's disposal rate pro rata, by day, from the target before the one due next.

            Example:
              habitat progress qujing.gpkg --month 2018-03 --district 530324
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Only this county: its name (麒麟区) or administrative code (530302).", valueName: "county"))
    var district: String?

    @Option(help: "What to print: table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let period = try usage("--month") { try ReportingPeriod(parsing: month) }
        let inventory = try ProgrammeInventory.read(project: project.file)
        let report = ProgressReport(try usage("--district") { try inventory.limited(to: district) }, period)
        print(format == .json ? try report.json() : report.table(), terminator: format == .json ? "\n" : "")
    }
}
