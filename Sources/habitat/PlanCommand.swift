import ArgumentParser
import Inventory

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The programme's plans kept in a project.", subcommands: [PlanImportCommand.self])
}

struct PlanImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the plan files (households.csv, factory_targets.csv, targets.csv) into a project, replacing its plans.",
        discussion: "Example:\n  habitat plan import qujing.gpkg geodata/plans")

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("The folder of plan files.", valueName: "dir"))
    var folder: String

    func run() throws {
        let plans = try Plans.importFolder(folder, into: project.file, waiting: waitingFor(project.file))
        print("plans: \(plans.households.count) county-year rows, \(plans.disposalTargets.count) disposal targets, \(plans.targets.count) targets")
    }
}
