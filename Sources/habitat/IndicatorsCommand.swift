import ArgumentParser
import Foundation
import Inventory
import Planning

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Green indicators per built-up area and county, against a profile's targets and standards.",
        discussion: """
            绿地率, 绿化覆盖率, 人均公园绿地面积, 人均综合公园, 人均社区公园 and park service-radius coverage, \
            each checked against the profile's targets with the gap said in hectares, points or km². \
            Profiles shipped: \(Profile.shippedNames.joined(separator: ", ")); or give a CSV file of your own.

            Example:
              habitat indicators qujing.gpkg --profile gb55014-2021
              habitat indicators qujing.gpkg --years 2016..2020 --format csv
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("A shipped profile's name, or a profile file.", valueName: "name|file"))
    var profile = Profile.defaultName

    @Option(help: ArgumentHelp("The year whose targets apply (default: this year).", valueName: "year"))
    var year: Int?

    @Option(help: ArgumentHelp("A yearly series, each year as at its end, with the growth rules checked.", valueName: "first..last"))
    var years: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Read the inventory as it stood then.", valueName: "date"))
    var asOf: String?

    @Option(help: "What to print: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write indicators.json and indicators.csv into this folder.", valueName: "dir"))
    var out: String?

    func validate() throws {
        if year != nil && years != nil { throw ValidationError("give --year or --years, not both") }
        if let years { _ = try Self.range(years) }
    }

    static func range(_ text: String) throws -> [Int] {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]), first <= last, last - first < 100 else {
            throw ValidationError("--years takes FIRST..LAST, for example 2016..2020")
        }
        return Array(first...last)
    }

    func run() throws {
        let profile: Profile
        do {
            profile = try Profile.named(self.profile)
        } catch let error as ProfileError where error.line > 0 {
            throw error  // a malformed line in the user's file: bad input, not bad usage
        } catch {
            throw UsageError(message: "--profile: \(error)")
        }
        let instant = try asOf.map { text in try usage("--as-of") { try Instant.parse(text) } }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let years = try self.years.map(Self.range) ?? [year ?? thisYear]
        let report = try IndicatorsJob.run(project: project.file, profile: profile, years: years, asOf: instant)
        if let out { try report.write(to: out) }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try report.json())
        case .csv: print(report.csv(), terminator: "")
        }
    }
}
