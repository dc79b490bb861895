import ArgumentParser
import Foundation
import Server

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The project as a web map and an OGC API – Features service.",
        discussion: """
            Serves PROJECT (a .gpkg, or a postgresql:// URI) until stopped (Ctrl-C): / is the map, \
            /collections the layers (and the service area and residential land out of reach) for QGIS, \
            ArcGIS and GDAL's OAPIF driver, /coverage and /indicators the computed results, /api the \
            OpenAPI definition; with --public-reports, POST /reports takes reports from the \
            public (JSON or a form post; at most 10 per address per 10 minutes). Listens on loopback unless --bind says otherwise.

            Example:
              habitat serve qujing.gpkg --port 8080
              ogrinfo OAPIF:http://127.0.0.1:8080
            """)

    @Argument(help: ArgumentHelp("The project: a file, or a postgresql:// URI.", valueName: "project"))
    var project: String

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 for every interface).", valueName: "address"))
    var bind = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free one).", valueName: "port"))
    var port = 8080

    @Flag(help: "Let anyone report a case of disorder (POST /reports: lon, lat, crs, kind, text, phone), filed as a received incident.")
    var publicReports = false

    @Flag(help: "Served behind HTTPS (a TLS proxy): the session cookie is Secure and named __Host-habitat_session.")
    var secureCookies = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        var server = try HabitatServer(project: project, host: bind, port: port, publicReports: publicReports)
        server.secureCookies = secureCookies
        let bind = self.bind
        // The command line is synchronous; the server runs in a task until it stops.
        let outcome = Outcome()
        Task {
            do {
                try await server.run { port in
                    // A script that starts the server reads this line for the port it got.
                    FileHandle.standardOutput.write(Data("habitat serve: listening on http://\(bind):\(port)\n".utf8))
                }
            } catch {
                outcome.error = error
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?
    }
}
