import Foundation
import GeoCore
import Hummingbird
import Inventory
import Logging
import Planning

/// `habitat serve`: the project as a web map and an OGC API – Features service, on Hummingbird.
public struct HabitatServer: Sendable {
    public let project: String
    public let host: String
    public let port: Int
    /// Whether anyone may report a case (`POST /reports`); without it the route does not exist.
    public let publicReports: Bool
    /// Served behind HTTPS (a TLS proxy): the session cookie is `Secure` and named `__Host-…`.
    public var secureCookies = false

    /// Checks that `project` opens as a habitat project before anything listens.
    public init(project: String, host: String = "127.0.0.1", port: Int = 8080, publicReports: Bool = false) throws {
        _ = try ProjectFile.open(project)
        (self.project, self.host, self.port, self.publicReports) = (project, host, port, publicReports)
    }

    /// Serves until the process is told to stop (SIGINT, SIGTERM). `onListening` hears the port
    /// bound (the one asked for, or the one the system chose for port 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        // Files being imported, each removed when its import ends; the folder when the server does.
        let uploads = UploadArea(FileManager.default.temporaryDirectory.appendingPathComponent("habitat-uploads-\(UUID().uuidString.lowercased())").path)
        defer { try? FileManager.default.removeItem(atPath: uploads.folder) }
        let router = try router(uploads: uploads)
        var logger = Logger(label: "habitat serve")
        logger.logLevel = .warning
        let app = Application(router: router, server: .http1(additionalChannelHandlers: [MalformedRequest()]),
                              configuration: .init(address: .hostname(host, port: port), serverName: "habitat"),
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) }, logger: logger)
        try await app.runService()
    }

    /// Every route of the server (HEAD answered as GET, without the body), behind its middleware.
    func router(uploads: UploadArea = UploadArea(FileManager.default.temporaryDirectory.appendingPathComponent("habitat-uploads").path))
        throws -> Router<ServerContext> {
        let opened = try ProjectFile.open(project)
        let openProject = OpenProject(path: project)
        let service = FeatureService(
            project: project, title: opened.name.isEmpty ? URL(fileURLWithPath: project).deletingPathExtension().lastPathComponent : opened.name,
            projectCRS: opened.crs, offered: try ServedCRS.offered(for: opened.crs), fallbackHost: "\(host):\(port)",
            results: ComputedResults(projectPath: project), opened: openProject, leaflet: try? Leaflet.installed(),
            publicReports: publicReports)
        let router = Router(context: ServerContext.self, options: .autoGenerateHeadEndpoints)
        router.middlewares.add(ProblemMiddleware())
        router.middlewares.add(SessionMiddleware(opened: openProject, open: publicReports ? ["/", "/login", "/reports"] : ["/", "/login"],
                                                 secureCookies: secureCookies))
        service.addRoutes(to: router)
        var signIn = SignIn.standard(project: project)
        signIn.secureCookies = secureCookies
        signIn.addRoutes(to: router)
        FeatureEdits(project: project, offered: service.offered).addRoutes(to: router)
        SurveyUploads(project: project, area: uploads).addRoutes(to: router)
        MonthlyFiguresPages(project: project).addRoutes(to: router)
        if publicReports {
            PublicReports(project: project, projectCRS: opened.crs, limit: PublicReports.standardLimit).addRoutes(to: router)
        }
        // Last, when every route is there: a path served for other methods answers 405.
        router.middlewares.add(MethodNotAllowed(routes: router.routes))
        return router
    }
}
