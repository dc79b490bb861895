import Foundation
import Inventory
import Testing
import TestSupport

/// The month form over HTTP as the clerks' trial (issue 13) used it: only the programme's reporting
/// units have a month (999999 was accepted and printed on the official forms), a county is named
/// by its name as on /forms, and a comma that is not a thousands separator is refused, not dropped.
@Suite(.serialized) struct MonthlyFiguresPagesTests {
    func habitat(_ arguments: [String]) throws -> String {
        let run = try TestSupport.run(TestSupport.habitat, arguments)
        try #require(run.status == 0, "habitat \(arguments.joined(separator: " ")): \(run.stderr)")
        return run.stdout
    }

    @Test func onlyReportingUnitsAndPlainNumbers() throws {
        let folder = try TestSupport.temporaryFolder("month-pages")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("qujing.gpkg").path
        _ = try habitat(["init", project])
        _ = try habitat(["account", "add", project, "city", "--city"])
        let set = try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' \"$0\" | \"$1\" account password \"$2\" city",
                                                  "city-password-1", TestSupport.habitat, project])
        try #require(set.status == 0, "\(set.stderr)")
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let answer = try server.post("/login", body: "{\"name\":\"city\",\"password\":\"city-password-1\"}")
        let token = try #require(try TestSupport.json(answer.body)["token"] as? String)
        let city = ["Authorization: Bearer \(token)"], form = "application/x-www-form-urlencoded"

        #expect(try server.send("GET", "/figures/999999/2018-04", headers: city).status == 404)
        let other = try server.send("POST", "/figures/999999/2018-04", headers: city, body: "greening.investment_month=5", type: form)
        #expect(other.status == 404, "\(other)")
        #expect(try server.send("POST", "/figures/999999/2018-04/submit", headers: city, body: "", type: form).status == 404)
        // 罗平县 by name, percent-encoded as a browser sends it.
        let luoping = "罗平县".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let page = try server.send("GET", "/figures/\(luoping)/2018-03", headers: city)
        #expect(page.status == 200 && page.body.contains("罗平县"), "\(page.status)")

        let comma = try server.send("POST", "/figures/530324/2018-03", headers: city, body: "greening.investment_month=12%2C5", type: form)
        #expect(comma.status == 400 && comma.body.contains("'12,5' is not a plain number"), "\(comma)")
        let grouped = try server.send("POST", "/figures/530324/2018-03", headers: city, body: "greening.investment_month=1%2C234.5", type: form)
        #expect(grouped.status == 303, "\(grouped)")
        let shown = try habitat(["figures", "show", project, "--format", "csv"])
        #expect(shown.contains("罗平县,2018-03,greening.investment_month") && shown.contains(",1234.5,"), "\(shown)")
        #expect(!shown.contains("999999"))
    }
}
