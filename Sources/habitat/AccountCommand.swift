import ArgumentParser
import Foundation
import Inventory
import Planning
import Server

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "The accounts that sign in to habitat serve: the city office's and the counties'.",
        subcommands: [AccountAddCommand.self, AccountListCommand.self, AccountDisableCommand.self, AccountPasswordCommand.self])
}

struct AccountAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account that writes in one district (--district) or everywhere (--city); then set its password.",
        discussion: "Example:\n  habitat account add qujing.gpkg luoping --district 530324\n  habitat account password qujing.gpkg luoping")

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("The account's name, as it signs in.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The district it writes in: a code (530324) or a county's name (罗平县).", valueName: "code"))
    var district: String?

    @Flag(help: "It writes everywhere (the city office).")
    var city = false

    @Flag(help: "It reads only.")
    var readOnly = false

    func validate() throws {
        guard (district != nil) != city else { throw ValidationError("give either --district CODE or --city") }
    }

    func run() throws {
        let account = try Accounts.add(name, district: district, readOnly: readOnly, to: project.file, waiting: waitingFor(project.file))
        print("account \(account.name): \(AccountListCommand.scope(account)); set its password with habitat account password")
    }
}

struct AccountListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The project's accounts.")

    @OptionGroup var project: ProjectFileArgument

    func run() throws {
        let rows = try ProjectFile.open(project.file).accounts().map { account in
            [account.name, Self.scope(account), account.readOnly ? "read-only" : "writes",
             account.disabled ? "disabled" : account.passwordHash.isEmpty ? "no password" : "active"]
        }
        print(TextTable(header: ["name", "scope", "access", "state"], rows: rows).rendered, terminator: "")
    }

    static func scope(_ account: Account) -> String {
        switch account.scope {
        case .city: "city"
        case let .district(code): "district \(code) (\(Counties.name(for: code)))"
        }
    }
}

struct AccountDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it signs in no more, and its sessions end.")

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    func run() throws {
        try Accounts.disable(name, in: project.file, waiting: waitingFor(project.file))
        print("account \(name): disabled")
    }
}

struct AccountPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password", abstract: "Set an account's password, typed at the prompt (or read as one line from stdin); its sessions end.")

    @OptionGroup var project: ProjectFileArgument

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    func run() throws {
        guard try ProjectFile.open(project.file).accounts().contains(where: { $0.name == name }) else {
            throw AccountError.noSuchAccount(name)
        }
        let password = try Self.readPassword(prompt: "password for \(name): ")
        if isatty(STDIN_FILENO) != 0, try Self.readPassword(prompt: "again: ") != password {
            throw InputError(description: "the two passwords differ; nothing changed")
        }
        try Accounts.setPassword(try Passwords.hash(password), for: name, in: project.file, waiting: waitingFor(project.file))
        print("account \(name): password set")
    }

    /// One line: from the terminal with its echo off, else from stdin as it comes (a pipe, for scripts).
    /// Interrupted (Ctrl-C) or stopped at the prompt, the terminal gets its echo back before the end.
    static func readPassword(prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) != 0
        let interruptions = [SIGINT, SIGTERM, SIGHUP]
        if terminal {
            tcgetattr(STDIN_FILENO, &terminalAsItWas)
            var silent = terminalAsItWas
            silent.c_lflag &= ~tcflag_t(ECHO)
            for interruption in interruptions {
                signal(interruption) { received in
                    tcsetattr(STDIN_FILENO, TCSAFLUSH, &AccountPasswordCommand.terminalAsItWas)
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        // Once the echo is off: nothing typed after the prompt shows.
        if terminal { FileHandle.standardError.write(Data(prompt.utf8)) }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &terminalAsItWas)
                for interruption in interruptions { signal(interruption, SIG_DFL) }
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else { throw InputError(description: "no password given (stdin ended)") }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// The terminal's settings before the prompt turned its echo off, for the signal handler to
    /// put back (it can capture nothing).
    nonisolated(unsafe) static var terminalAsItWas = termios()
}
