import Foundation
import GeoIO
import Hummingbird
import Inventory
import NIOCore
import NIOPosix
import Planning

/// The monthly reporting loop on the web: a county's month form (`GET /figures/DISTRICT/MONTH`
/// shows it, a `POST` saves it, `…/submit` submits the month, `…/reopen` reopens it for the city),
/// the city's page of who has submitted by the 25th and who is late (`GET /figures?month=`), and
/// every form, city-wide or one county's, to download as CSV, XLSX or HTML (`GET /forms/FORM?month=`).
/// Every change goes through the library as the signed-in account, which checks its scope.
struct MonthlyFiguresPages: Sendable {
    let project: String

    func addRoutes(to router: Router<ServerContext>) {
        router.get("/figures") { request, context in try await cityPage(request, context) }
        router.get("/figures/:district/:month") { request, context in try await countyPage(request, context) }
        router.post("/figures/:district/:month") { request, context in try await save(request, context) }
        router.post("/figures/:district/:month/submit") { request, context in try await submit(request, context, reopening: false) }
        router.post("/figures/:district/:month/reopen") { request, context in try await submit(request, context, reopening: true) }
        router.get("/forms/:form") { request, context in try await download(request, context) }
    }

    // MARK: the county's month

    func countyPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        try request.onlyParameters([])
        let (district, period) = try Self.countyMonth(context)
        let project = project, editor = context.editor, csrf = context.csrfToken ?? ""
        let page = try await NIOThreadPool.singleton.runIfActive {
            let opened = try ProjectFile.open(project)
            return Self.countyForm(district: district, period: period, figures: try opened.monthlyFigures(),
                                   status: try opened.submissions().status(district, period.name), editor: editor, csrf: csrf)
        }
        return Self.html(page)
    }

    /// Saves what the form holds: each figure typed that differs from what is entered; blank
    /// fields leave a figure as it was. Refused whole as the library refuses it.
    func save(_ request: Request, _ context: ServerContext) async throws -> Response {
        let (district, period) = try Self.countyMonth(context)
        let editor = try Self.signedIn(context)
        let fields = try await Self.form(request)
        var typed: [(key: FigureKey, value: FigureValue)] = []
        for (name, text) in fields.sorted(by: { $0.key < $1.key }) where name != "csrf" {
            guard let key = FigureKey.named(name) else { throw Problem.badRequest("no figure '\(ItemsQuery.shown(name))'") }
            do {
                if let value = try key.parse(text) { typed.append((key, value)) }
            } catch { throw Problem.badRequest("\(error)") }
        }
        let (project, entered) = (project, typed)
        try await Self.refusals {
            try await NIOThreadPool.singleton.runIfActive {
                let figures = try ProjectFile.open(project).monthlyFigures()
                let typed = entered
                let changed = typed.filter { figures.value(district, period.name, $0.key.key) != $0.value }
                guard !changed.isEmpty else { return }
                try ProjectFile.enterFigures(project, changed.map { (district, period.name, $0.key.key, $0.value) }, by: editor)
            }
        }
        return Response(status: .seeOther, headers: [.location: Self.countyPath(district, period)])
    }

    func submit(_ request: Request, _ context: ServerContext, reopening: Bool) async throws -> Response {
        let (district, period) = try Self.countyMonth(context)
        let editor = try Self.signedIn(context)
        if let unknown = try await Self.form(request).keys.first(where: { $0 != "csrf" }) {
            throw Problem.badRequest("unknown field '\(ItemsQuery.shown(unknown))'")
        }
        let project = project
        try await Self.refusals {
            try await NIOThreadPool.singleton.runIfActive {
                if reopening {
                    try ProjectFile.reopenFigures(project, district: district, month: period.name, by: editor)
                } else {
                    try ProjectFile.submitFigures(project, district: district, month: period.name, by: editor)
                }
            }
        }
        return Response(status: .seeOther, headers: [.location: Self.countyPath(district, period)])
    }

    static func countyForm(district: String, period: ReportingPeriod, figures: MonthlyFigures, status: Submissions.Status,
                           editor: Editor?, csrf: String) -> String {
        let name = Counties.name(for: district)
        let writable = editor.map { (try? $0.mayWrite(district)) != nil } ?? false
        let locked = status != .notSubmitted
        let editable = writable && !locked
        func field(_ key: FigureKey) -> String {
            let value = figures.value(district, period.name, key.key)?.shown ?? ""
            let label = MarkupText.escaped(key.name + (key.unit.isEmpty ? "" : "（\(key.unit)）"))
            guard editable else { return "<span title=\"\(label)\">\(MarkupText.escaped(value.isEmpty ? "未录入" : value))</span>" }
            return "<input name=\"\(key.key)\" aria-label=\"\(label)\" value=\"\(MarkupText.escaped(value))\""
                + (key.kind == .text ? " size=\"30\"" : " inputmode=\"decimal\" size=\"8\"") + ">"
        }
        let greening = "<h2>\(MarkupText.escaped(MonthlyForm.greening.title))</h2><table>" + FigureKey.greening.map { key in
            "<tr><th>\(MarkupText.escaped(key.name))\(key.unit.isEmpty ? "" : "（\(key.unit)）")</th><td>\(field(key))</td></tr>"
        }.joined() + "<tr><th>绿化投资完成情况 本年累计完成投资量</th><td>本月新增投资量之和（12月26日起）</td></tr></table>"
        let header = "<tr><th>分类指标</th>" + HousingLayout.columns.map { "<th>\(MarkupText.escaped($0.name))（\($0.unit)）</th>" }.joined() + "</tr>"
        let rows = HousingLayout.rows.map { row in
            "<tr><th style=\"white-space:nowrap\">\(MarkupText.escaped(row.label))</th>" + HousingLayout.columns.indices.map { column in
                guard row.open.contains(column) else { return "<td>——</td>" }
                if row.summed(column) { return "<td>合计</td>" }
                return "<td>\(field(FigureKey.named(HousingLayout.key(row, HousingLayout.columns[column]))!))</td>"
            }.joined() + "</tr>"
        }.joined()
        let housing = "<h2>\(MarkupText.escaped(MonthlyForm.housing.title))</h2><table>\(header)\(rows)</table>"
        let path = countyPath(district, period)
        let hidden = "<input type=\"hidden\" name=\"csrf\" value=\"\(MarkupText.escaped(csrf))\">"
        let statusLine = "<p id=\"status\">\(MarkupText.escaped(status.chinese))" + {
            switch status {
            case let .onTime(at), let .late(at): "（\(MarkupText.escaped(Instant.chinaTime(at)))，北京时间）"
            case .notSubmitted: ""
            }
        }() + "</p>"
        var body = statusLine
        if editable {
            body += "<form id=\"figures\" method=\"post\" action=\"\(path)\">\(hidden)\(greening)\(housing)<p><button id=\"save\">保存</button></p></form>"
            body += "<form method=\"post\" action=\"\(path)/submit\">\(hidden)<p><button id=\"submit\">上报本月（提交后锁定）</button></p></form>"
        } else {
            body += greening + housing
            if locked, editor?.scope == .city {
                body += "<form method=\"post\" action=\"\(path)/reopen\">\(hidden)<p><button id=\"reopen\">退回（重新开放本月）</button></p></form>"
            }
        }
        body += downloads(district: district, period: period) + "<p><a href=\"/figures?month=\(period.name)\">全市上报情况</a></p>"
        return HTMLPage.render(title: "\(name) \(period.name) 月报", body: body)
    }

    // MARK: the city

    func cityPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        try request.onlyParameters(["month"])
        let period = try Self.period(request.uri.queryParameters["month"].map(String.init) ?? ReportingPeriod.current.name)
        let project = project
        let lines = try await NIOThreadPool.singleton.runIfActive { try ProjectFile.open(project).submissionStatus(month: period.name) }
        let rows = lines.map { line -> String in
            let at: String = switch line.status {
            case let .onTime(at), let .late(at): Instant.chinaTime(at)
            case .notSubmitted: ""
            }
            let css = switch line.status { case .onTime: "on-time"; case .late: "late"; case .notSubmitted: "missing" }
            return "<tr class=\"\(css)\"><td><a href=\"\(Self.countyPath(line.district, period))\">\(MarkupText.escaped(line.name))</a></td>"
                + "<td>\(MarkupText.escaped(line.status.chinese))</td><td>\(MarkupText.escaped(at))</td></tr>"
        }.joined()
        let body = "<p>截止：\(period.end) 24:00（北京时间）</p><table><tr><th>县（市、区）</th><th>上报情况</th><th>上报时间（北京时间）</th></tr>\(rows)</table>"
            + Self.downloads(district: nil, period: period)
        return Self.html(HTMLPage.render(title: "\(period.name) 月报上报情况", body: body))
    }

    // MARK: downloads

    static func downloads(district: String?, period: ReportingPeriod) -> String {
        let forms = MonthlyForm.allCases.map { form in
            let links = ["csv", "xlsx", "html"].map { format in
                let query = "month=\(period.name)" + (district.map { "&district=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? "") + "&f=\(format)"
                return "<a href=\"/forms/\(form.rawValue)?\(query)\">\(format.uppercased())</a>"
            }.joined(separator: " · ")
            return "<li>\(MarkupText.escaped(form.title)): \(links)</li>"
        }.joined()
        return "<h2>\(district.map { MarkupText.escaped(Counties.name(for: $0)) } ?? "全市")报表</h2><ul>\(forms)</ul>"
    }

    /// A form filled for a month, the whole city's or one county's, written as `habitat report` writes it.
    func download(_ request: Request, _ context: ServerContext) async throws -> Response {
        try request.onlyParameters(["month", "district", "f"])
        guard let form = context.parameters.get("form").flatMap(MonthlyForm.init(rawValue:)) else {
            throw Problem.notFound("no such form (forms: \(MonthlyForm.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let period = try Self.period(request.uri.queryParameters["month"].map(String.init) ?? "")
        let district = request.uri.queryParameters["district"].map(String.init)
        let format = request.uri.queryParameters["f"].map(String.init) ?? "xlsx"
        guard let type = Self.types[format] else { throw Problem.badRequest("f: csv, xlsx or html") }
        let project = project
        let data = try await Self.refusals {
            try await NIOThreadPool.singleton.runIfActive { () throws -> Data in
                let inventory = try ProgrammeInventory.read(project: project).limited(to: district)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("habitat-form-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                try form.table(inventory, period).write(to: folder.path, name: form.rawValue)
                return try Data(contentsOf: folder.appendingPathComponent("\(form.rawValue).\(format)"))
            }
        }
        let file = "\(form.rawValue)-\(period.name)\(district.flatMap(Counties.code(for:)).map { "-\($0)" } ?? "").\(format)"
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let types = ["csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "html": "text/html; charset=utf-8"]

    // MARK: helpers

    static func countyPath(_ district: String, _ period: ReportingPeriod) -> String {
        "/figures/\(district.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? district)/\(period.name)"
    }

    static func countyMonth(_ context: ServerContext) throws -> (String, ReportingPeriod) {
        // The router hands the segment as sent: 罗平县 percent-encoded.
        let raw = context.parameters.get("district") ?? ""
        let text = raw.removingPercentEncoding ?? raw
        guard let district = Counties.reportingUnit(text) else { throw Problem.notFound("no county '\(ItemsQuery.shown(text))'") }
        return (district, try period(context.parameters.get("month") ?? ""))
    }

    static func period(_ text: String) throws -> ReportingPeriod {
        do { return try ReportingPeriod(parsing: text) } catch { throw Problem.badRequest("month: \(error)") }
    }

    static func signedIn(_ context: ServerContext) throws -> Editor {
        guard let editor = context.editor else { throw Problem(status: .unauthorized, detail: "sign in to enter figures") }
        return editor
    }

    /// The library's refusals as the problem they are: not this account's district 403, a locked
    /// month 409, an unknown county 404, bad input 400.
    static func refusals<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let error as FiguresError {
            switch error {
            case .outOfScope, .cityOnly, .readOnly: throw Problem(status: .forbidden, detail: "\(error)")
            case .submitted, .notSubmitted: throw Problem(status: .conflict, detail: "\(error)")
            case .notReportingUnit: throw Problem.notFound("\(error)")
            default: throw Problem.badRequest("\(error)")
            }
        } catch let error as ReportError {
            throw Problem.notFound("\(error)")
        }
    }

    /// The fields of a posted form (or JSON object).
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let body = try await request.body(upTo: SessionMiddleware.maxForm, of: "a form")
        return try FormFields.parse(String(buffer: body), contentType: request.headers[.contentType] ?? "")
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

}
