import Foundation
import Testing
import TestSupport

/// `habitat serve` started as a child process on a free loopback port (the system picks it:
/// `--port 0`), stopped (SIGTERM) when the test is done with it.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// `log`: a file for what the server writes on stderr.
    init(project: String, options: [String] = [], log: URL? = nil) throws {
        process.executableURL = URL(fileURLWithPath: TestSupport.habitat)
        process.arguments = ["serve", project, "--port", "0"] + options
        let output = Pipe()
        process.standardOutput = output
        if let log { FileManager.default.createFile(atPath: log.path, contents: nil) }
        process.standardError = try log.map { try FileHandle(forWritingTo: $0) } ?? FileHandle.nullDevice
        try process.run()
        // The first line says where it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServerFailed(message: "habitat serve ended: \(String(decoding: line, as: UTF8.self))") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.range(of: ":", options: .backwards),
              let port = Int(text[colon.upperBound...].prefix { $0.isNumber }) else {
            throw ServerFailed(message: "no port in '\(text)'")
        }
        self.port = port
    }

    deinit { stop() }

    /// Headless Chromium on the map page (`/`), its network limited to this machine, its profile
    /// in `folder`: `--dump-dom` for the page as drawn, `--screenshot=FILE` for a picture.
    func chromium(_ arguments: [String], profileIn folder: URL) throws -> TestSupport.Run {
        let run = try TestSupport.run("chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/chromium",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--virtual-time-budget=20000",
        ] + arguments + ["\(base)/"])
        try #require(run.status == 0, "chromium: \(run.stderr)")
        return run
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    var isRunning: Bool { process.isRunning }

    /// A GET of `path` (and query): its status, headers and body.
    /// `asIs` sends the path as it is, `..` and all (curl would resolve it first).
    func get(_ path: String, accept: String? = nil, asIs: Bool = false) throws -> (status: Int, headers: [String: String], body: String) {
        let arguments = ["-s", "-D", "-", "--max-time", "60", "-g"] + (asIs ? ["--path-as-is"] : [])
            + (accept.map { ["-H", "Accept: \($0)"] } ?? []) + [base + path]
        let run = try TestSupport.run("curl", arguments)
        guard run.status == 0 else { throw ServerFailed(message: "curl \(path): \(run.stderr)") }
        return parsed(run.stdout)
    }

    /// curl's `-D -` output: the status line, the headers, the body.
    func parsed(_ output: String) -> (status: Int, headers: [String: String], body: String) {
        let parts = output.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// A POST of `body` to `path`: its status, headers and body.
    func post(_ path: String, body: String, type: String = "application/json") throws -> (status: Int, headers: [String: String], body: String) {
        let folder = try TestSupport.temporaryFolder("post")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try TestSupport.write(body, to: "body", in: folder)
        let run = try TestSupport.run("curl", ["-s", "-D", "-", "--max-time", "60", "-H", "Content-Type: \(type)",
                                               "-H", "Expect:", "--data-binary", "@\(file)", base + path])
        guard run.status == 0 else { throw ServerFailed(message: "curl POST \(path): \(run.stderr)") }
        return parsed(run.stdout)
    }

    struct ServerFailed: Error { let message: String }
}

/// The sample city as a project, with plans (for the progress panel).
func sampleProject(in folder: URL) throws -> String {
    let project = try TestSupport.sampleProject(in: folder, layers: [
        ("built_up_areas", "built_up"), ("parks", "parks"), ("green_spaces", "green_spaces"), ("canopy", "canopy"),
        ("residential", "residential"), ("old_factories", "old_factories"), ("urban_villages", "urban_villages"),
        ("old_residential", "old_residential"),
    ])
    let plans = try TestSupport.run(TestSupport.habitat, ["plan", "import", project, TestSupport.root.appendingPathComponent("geodata/plans").path])
    guard plans.status == 0 else { throw RunningServer.ServerFailed(message: "plan import: \(plans.stderr)") }
    return project
}
