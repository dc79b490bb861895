import ArgumentParser
import Foundation
import Planning

struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "One HTML file to e-mail: the map of the programme, its indicators, coverage, progress and forms.",
        discussion: """
            DIR/atlas.html opens offline in any current browser, with no server: Leaflet (Debian's \
            libjs-leaflet) and the data are inside it. The map shows built-up areas, parks by radius \
            class with their service areas, residential land by covered share, land out of reach, old \
            factories by class, urban villages, old residential areas and the suggested park sites; then \
            the indicators against the profile, coverage per built-up area, progress against plan, and \
            links to the monthly forms in DIR/forms (habitat report … --out DIR/forms).

            Example:
              habitat atlas qujing.gpkg --month 2018-12 --out atlas
              habitat atlas qujing.gpkg --month 2018-12 --district 罗平县 --out atlas/罗平县
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The report month, for progress and the forms' links (default: this month); its year's targets apply.",
                               valueName: "YYYY-MM"))
    var month: String?

    @Option(help: ArgumentHelp("Only this county: its name (麒麟区) or administrative code (530302).", valueName: "county"))
    var district: String?

    @Option(help: ArgumentHelp("A shipped profile's name, or a profile file.", valueName: "name|file"))
    var profile = Profile.defaultName

    @Option(help: ArgumentHelp("How many park sites to suggest, where the project has candidates.", valueName: "k"))
    var k = 5

    @Option(help: ArgumentHelp("A base map's tile URL template ({z}/{x}/{y}), such as 天地图's; none by default, the atlas needs no network.",
                               valueName: "url"))
    var tiles: String?

    @Option(help: ArgumentHelp("Where atlas.html goes.", valueName: "dir"))
    var out: String

    func validate() throws {
        guard k >= 1 else { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        let period = try usage("--month") { try ReportingPeriod(parsing: month ?? Self.thisMonth()) }
        let profile = try usage("--profile") { try Profile.named(self.profile) }
        let leaflet = try Leaflet.installed()
        let data: AtlasData
        do {
            data = try AtlasData.gather(project: project.file, period: period, district: district, profile: profile, sites: k)
        } catch let error as ReportError {
            throw UsageError(message: "--district: \(error)")  // as progress and report refuse a county they do not know
        }
        try AtlasPage(data: data, leaflet: leaflet, tiles: tiles).write(to: out)
        for line in data.missing { warn(line) }
        print("\(out)/atlas.html: " + data.layers.map { "\($0.id) \($0.featureCount)" }.joined(separator: ", "))
    }

    static func thisMonth() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}
