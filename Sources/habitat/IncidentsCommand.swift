import ArgumentParser
import Planning

struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "治乱治脏 figures for a month: cases per county and kind, on-time closure, overdue, repeats, inspections, hotspots.",
        discussion: """
            The month runs from the 26th before to the 25th. Received: reported in the month; closed: \
            办结 in the month; on-time rate: of the cases due in the month, those closed by their deadline; \
            overdue open: past their deadline and not closed at the 25th's end. A case's deadline is the \
            one in the data, else its reported time plus the hours of the deadline rules (--deadlines; \
            shipped: \(DeadlineRules.shippedName), habitat's own default, to edit). Repeats: cases of the \
            same kind within --repeat-metres of a closed case, within --repeat-days of its closing.

            Hotspots: DBSCAN on the cases of the last --days before the 25th (project CRS, metres): \
            clusters of at least --min-cases within --eps metres; a cluster with a case open over 30 days is \
            a 热点难点.

            Example:
              habitat incidents qujing.gpkg --month 2018-03 --district 麒麟区 --out out/incidents
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The report month.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Only this county: its name (麒麟区) or administrative code (530302).", valueName: "county"))
    var district: String?

    @Option(help: ArgumentHelp("Deadline rules: the shipped rules' name or a CSV file.", valueName: "name|file"))
    var deadlines = DeadlineRules.shippedName

    @Option(name: .customLong("repeat-metres"), help: ArgumentHelp("How near a closed case a new one is a repeat.", valueName: "m"))
    var repeatMetres = 50.0

    @Option(name: .customLong("repeat-days"), help: ArgumentHelp("How soon after its closing.", valueName: "days"))
    var repeatDays = 30.0

    @Option(help: ArgumentHelp("Hotspots: how near cases must be to gather.", valueName: "m"))
    var eps = 50.0

    @Option(name: .customLong("min-cases"), help: ArgumentHelp("Hotspots: the fewest cases that make one.", valueName: "n"))
    var minCases = 3

    @Option(help: ArgumentHelp("Hotspots: the cases of how many days before the 25th.", valueName: "days"))
    var days = 90.0

    @Option(help: "What to print: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write incidents.json, incidents.csv and hotspots.geojson/.gpkg into this folder.", valueName: "dir"))
    var out: String?

    func validate() throws {
        guard eps > 0, minCases >= 1, days > 0, repeatMetres >= 0, repeatDays >= 0 else {
            throw ValidationError("--eps and --days take numbers above 0, --min-cases 1 or more, --repeat-metres and --repeat-days 0 or more")
        }
    }

    /// The deadline rules `--deadlines` names: a malformed line of a file is bad input, a file or name
    /// that is not there bad usage.
    static func rules(_ nameOrPath: String) throws -> DeadlineRules {
        do {
            return try DeadlineRules.named(nameOrPath)
        } catch let error as ProfileError where error.line > 0 {
            throw error
        } catch {
            throw UsageError(message: "--deadlines: \(error)")
        }
    }

    func run() throws {
        let period = try usage("--month") { try ReportingPeriod(parsing: month) }
        var options = IncidentReport.Options(rules: try Self.rules(deadlines))
        (options.repeatDistance, options.repeatDays) = (repeatMetres, repeatDays)
        (options.hotspots.eps, options.hotspots.minCases, options.hotspots.days) = (eps, minCases, days)
        let records = try IncidentRecords.read(project: project.file, rules: options.rules)
        let report = try IncidentReport(try usage("--district") { try records.limited(to: district) }, period, options: options)
        if let out { try report.write(to: out) }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try report.json())
        case .csv: print(report.csv(), terminator: "")
        }
    }
}
