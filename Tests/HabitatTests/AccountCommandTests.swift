import Foundation
import Testing
import TestSupport

/// `habitat account`: accounts added, listed, disabled and given passwords, the password read
/// from stdin (never an argument) and kept as a bcrypt hash that Python's crypt (libxcrypt)
/// accepts; every mistake named in one line, nothing changed.
@Suite struct AccountCommandTests {
    func habitat(_ arguments: [String], stdin: String? = nil) throws -> TestSupport.Run {
        guard let stdin else { return try TestSupport.run(TestSupport.habitat, arguments) }
        // Piped, as a script gives it: the command reads the line from stdin, not from a prompt.
        let quoted = ([TestSupport.habitat] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' \"$0\" | " + quoted.joined(separator: " "), stdin])
    }

    func project(_ folder: URL, store: TestStore = .geoPackage) throws -> String {
        let path = try store.newProject(in: folder)
        let made = try habitat(["init", path])
        try #require(made.status == 0, "\(made.stderr)")
        return path
    }

    /// The stored hash of `name`'s password, read with SQLite, not through habitat.
    func storedHash(_ project: String, _ name: String) throws -> String {
        let run = try TestSupport.run(TestSupport.python, ["-c", """
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute("SELECT password_hash FROM accounts WHERE name = ?", (sys.argv[2],)).fetchone()[0], end="")
            """, project, name])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func accountsAreAddedListedGivenPasswordsAndDisabled() throws {
        let folder = try TestSupport.temporaryFolder("accounts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder)
        #expect(try habitat(["account", "add", project, "city-office", "--city"]).status == 0)
        #expect(try habitat(["account", "add", project, "luoping", "--district", "530324"]).status == 0)
        // A county's name stands for its code.
        #expect(try habitat(["account", "add", project, "qilin-viewer", "--district", "麒麟区", "--read-only"]).status == 0)

        let secret = "correct horse 马 battery"
        let set = try habitat(["account", "password", project, "luoping"], stdin: secret)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(!(set.stdout + set.stderr).contains(secret))
        // A bcrypt hash of exactly that password, as an independent bcrypt (libxcrypt) checks it.
        let hash = try storedHash(project, "luoping")
        #expect(hash.hasPrefix("$2b$12$"), "\(hash)")
        let check = try TestSupport.run(TestSupport.python, ["-W", "ignore", "-c",
                                                             "import crypt, sys; print(crypt.crypt(sys.argv[1], sys.argv[2]) == sys.argv[2])", secret, hash])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "True", "\(check.stderr)")
        let wrong = try TestSupport.run(TestSupport.python, ["-W", "ignore", "-c",
                                                             "import crypt, sys; print(crypt.crypt(sys.argv[1], sys.argv[2]) == sys.argv[2])", secret + "x", hash])
        #expect(wrong.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "False")
        // The password itself is nowhere in the file.
        #expect(try Data(contentsOf: URL(fileURLWithPath: project)).range(of: Data(secret.utf8)) == nil)

        #expect(try habitat(["account", "disable", project, "city-office"]).status == 0)
        let list = try habitat(["account", "list", project])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["city-office", "city", "writes", "disabled"]), "\(list.stdout)")
        #expect(rows.contains(["luoping", "district", "530324", "(罗平县)", "writes", "active"]), "\(list.stdout)")
        #expect(rows.contains(["qilin-viewer", "district", "530302", "(麒麟区)", "read-only", "no", "password"]), "\(list.stdout)")
    }

    @Test func mistakesAreNamedAndChangeNothing() throws {
        let folder = try TestSupport.temporaryFolder("accounts-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder)
        #expect(try habitat(["account", "add", project, "luoping", "--district", "530324"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: project))

        let cases: [(arguments: [String], stdin: String?, status: Int32, message: String)] = [
            (["account", "add", project, "luoping", "--district", "530325"], nil, 1, "an account named 'luoping' is already there"),
            (["account", "add", project, "x", "--district", "999999"], nil, 1, "'999999' is not a district habitat knows"),
            (["account", "add", project, "x", "--district", "atlantis"], nil, 1, "'atlantis' is not a district habitat knows"),
            (["account", "add", project, "x"], nil, 2, "give either --district CODE or --city"),
            (["account", "add", project, "x", "--city", "--district", "530324"], nil, 2, "give either --district CODE or --city"),
            (["account", "add", project, " padded", "--city"], nil, 1, "' padded' is not an account name"),
            (["account", "add", project, "", "--city"], nil, 1, "'' is not an account name"),
            (["account", "disable", project, "nobody"], nil, 1, "no account named 'nobody'"),
            (["account", "password", project, "nobody"], "long enough password", 1, "no account named 'nobody'"),
            (["account", "password", project, "luoping"], "short", 1, "the password is shorter than 8 characters"),
            (["account", "password", project, "luoping"], String(repeating: "长", count: 25), 1, "the password is longer than 72 bytes"),
            // The password is never an argument.
            (["account", "password", project, "luoping", "hunter2hunter2"], nil, 2, "Unexpected argument"),
        ]
        for (arguments, stdin, status, message) in cases {
            let run = try habitat(arguments, stdin: stdin)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("habitat: error: "), "\(arguments): \(run.stderr)")
        }
        // Without stdin (nothing piped), no password is made up.
        let empty = try TestSupport.run("/bin/sh", ["-c", "'\(TestSupport.habitat)' account password '\(project)' luoping < /dev/null"])
        #expect(empty.status == 1 && empty.stderr.contains("no password given"), "\(empty.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: project)) == before)
    }

    /// A name with quotes and SQL in it is a name like any other: kept and listed as written.
    @Test(arguments: TestStore.allCases) func sqlLikeNamesAreKeptLiterally(store: TestStore) throws {
        let folder = try TestSupport.temporaryFolder("accounts-sql")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder, store: store)
        let names = ["x'); DROP TABLE accounts;--", "' OR '1'='1", "<b>罗平</b>\"%_\\"]
        for name in names {
            let added = try habitat(["account", "add", project, name, "--district", "罗平县"])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(try habitat(["account", "password", project, name], stdin: "pass-\(name)").status == 0)
        }
        #expect(try habitat(["account", "disable", project, "' OR '1'='1"]).status == 0)
        let list = try habitat(["account", "list", project])
        for name in names { #expect(list.stdout.contains(name), "\(list.stdout)") }
        #expect(list.stdout.components(separatedBy: "disabled").count == 2, "only the one named is disabled: \(list.stdout)")
    }

    /// Ctrl-C at the password prompt: the command ends, and the terminal (a pseudo-terminal made
    /// by Python) has its echo back, as it had before the prompt turned it off.
    @Test func anInterruptedPromptGivesTheTerminalItsEchoBack() throws {
        let folder = try TestSupport.temporaryFolder("accounts-interrupted")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder)
        #expect(try habitat(["account", "add", project, "luoping", "--district", "530324"]).status == 0)
        let run = try TestSupport.run(TestSupport.python, ["-c", """
            import json, os, pty, signal, subprocess, sys, termios
            # The test runner's threads block signals, and children inherit that: unblocked, as in a shell.
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
            master, terminal = pty.openpty()
            echo = lambda: bool(termios.tcgetattr(terminal)[3] & termios.ECHO)
            before = echo()
            command = subprocess.Popen(sys.argv[1:], stdin=terminal, stdout=terminal, stderr=terminal)
            said = b""
            while b"password for" not in said:
                said += os.read(master, 1024)
            during = echo()
            command.send_signal(signal.SIGINT)
            code = command.wait()
            print(json.dumps({"before": before, "during": during, "after": echo(), "code": code}))
            """, TestSupport.habitat, "account", "password", project, "luoping"])
        try #require(run.status == 0, "\(run.stderr)")
        let result = try TestSupport.json(run.stdout)
        #expect(result["before"] as? Bool == true && result["during"] as? Bool == false, "\(result)")
        #expect(result["after"] as? Bool == true, "\(result)")
        #expect(result["code"] as? Int == -Int(SIGINT), "\(result)")
        #expect(try storedHash(project, "luoping").isEmpty)
    }
}
