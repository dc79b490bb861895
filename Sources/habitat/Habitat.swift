import ArgumentParser
import Foundation

/// The `habitat` command: parses arguments, hands the work to the library, prints.
struct Habitat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "habitat",
        abstract: "Inventory and planning indicators for a city's liveability programme.",
        subcommands: [InitCommand.self, ImportCommand.self, LayersCommand.self, HistoryCommand.self,
                      ExportCommand.self, DeleteCommand.self, CoverageCommand.self, SuggestCommand.self, IndicatorsCommand.self,
                      TemplateCommand.self, PlanCommand.self, ProgressCommand.self, ReportCommand.self, AtlasCommand.self,
                      GridCommand.self, IncidentsCommand.self, CopyCommand.self, ServeCommand.self,
                      AccountCommand.self, FiguresCommand.self]
    )
}

@main
enum Entry {
    /// Exit codes: 0 done, 1 bad input or a failure while working, 2 bad usage.
    static func main() {
        let command: ParsableCommand
        do {
            command = try Habitat.parseAsRoot()
        } catch {
            if Habitat.exitCode(for: error) == .success {
                print(Habitat.fullMessage(for: error))
                exit(0)
            }
            let names = Habitat.configuration.subcommands.map { $0.configuration.commandName ?? "" }
            let help = CommandLine.arguments.dropFirst().first.flatMap { names.contains($0) ? $0 : nil }
                .map { " (see 'habitat \($0) --help')" } ?? " (see 'habitat --help')"
            fail(Habitat.message(for: error) + help, code: 2)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch let error as UsageError {
            fail(error.message, code: 2)
        } catch where Habitat.exitCode(for: error) == .success {
            // `habitat help coverage` and `--help` on a subcommand arrive here.
            print(Habitat.fullMessage(for: error))
        } catch {
            fail("\(error)", code: 1)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("habitat: error: \(message)\n".utf8))
        exit(code)
    }
}

/// What a command prints: an aligned table for people, JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

/// A mistake in how the command was called, found only while running it.
struct UsageError: Error {
    let message: String
}

/// Bad input, explained for the person who gave it.
struct InputError: Error, CustomStringConvertible {
    let description: String
}

/// Progress lines on stderr, only when a person is watching it.
let progressOnTerminal: (@Sendable (String) -> Void)? = {
    guard isatty(STDERR_FILENO) != 0 else { return nil }
    return { (step: String) in FileHandle.standardError.write(Data("habitat: \(step)…\n".utf8)) }
}()

func warn(_ message: String) {
    FileHandle.standardError.write(Data("habitat: warning: \(message)\n".utf8))
}
