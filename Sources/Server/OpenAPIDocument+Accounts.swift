import Planning

/// The routes of signed-in work in `/api`: signing in and out, a county's monthly figures and
/// their submission, and the forms to download; with how a client proves who it is.
extension OpenAPIDocument {
    static func accountPaths(parameter: Parameter, problem: [String: Any]) -> [String: Any] {
        let month = parameter("month", "The reporting month, YYYY-MM (26th of the month before to the 25th).", ["type": "string"],
                              "path", true)
        let district = parameter("district", "The county's code (or name), as the layers' district field holds it.",
                                 ["type": "string"], "path", true)
        func form(_ properties: [String: Any]) -> [String: Any] {
            ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": ["type": "object", "properties": properties]]]]
        }
        func post(_ id: String, _ summary: String, _ parameters: [[String: Any]], body: [String: Any], success: String = "303")
            -> [String: Any] {
            ["post": ["operationId": id, "summary": summary, "parameters": parameters, "requestBody": body,
                      "responses": [success: ["description": summary], "400": problem, "401": problem, "403": problem, "409": problem]]]
        }
        func page(_ id: String, _ summary: String, _ parameters: [[String: Any]], type: String = "text/html") -> [String: Any] {
            ["operationId": id, "summary": summary, "parameters": parameters,
             "responses": ["200": ["description": summary, "content": [type: ["schema": ["type": "string"]]]], "400": problem,
                           "401": problem, "404": problem]]
        }
        let csrf: [String: Any] = ["type": "string", "description": "The session's CSRF token (a cookie's form needs it; a bearer token does not)"]
        let signIn: [String: Any] = ["type": "object", "required": ["name", "password"], "properties": [
            "name": ["type": "string"], "password": ["type": "string", "format": "password"], "next": ["type": "string"]]]
        var paths: [String: Any] = [
            "/login": [
                "get": page("sign-in-page", "The sign-in page", []),
                "post": ["operationId": "sign-in", "summary": "Sign in: a form gets the session cookie, JSON gets {token, expires}",
                         "requestBody": ["required": true, "content": ["application/json": ["schema": signIn],
                                                                       "application/x-www-form-urlencoded": ["schema": signIn]]],
                         "responses": ["200": ["description": "The bearer token and when it expires",
                                               "content": ["application/json": ["schema": ["type": "object", "properties": [
                                                   "token": ["type": "string"], "expires": ["type": "string"]]]]]],
                                       "303": ["description": "Signed in (cookie set), sent on"], "400": problem, "401": problem,
                                       "403": problem, "413": problem, "429": problem],
                         "security": [[String: Any]]()],
            ],
            "/logout": post("sign-out", "Sign out: the session ends", [], body: form(["csrf": csrf])),
            "/figures": ["get": page("figures-status", "Who has submitted the month by the 25th, and who is late", [
                parameter("month", "The reporting month, YYYY-MM (default: the one being reported now).", ["type": "string"], "query", false),
            ])],
            "/figures/{district}/{month}": [
                "get": page("figures-month", "A county's month: its figures for the forms", [district, month]),
            ].merging(post("figures-save", "Save the county's figures for the month", [district, month],
                           body: form(["csrf": csrf, "KEY": ["type": "string", "description": "One field per figure key (habitat figures show --keys)"]])),
                      uniquingKeysWith: { first, _ in first }),
            "/figures/{district}/{month}/submit": post("figures-submit", "Submit the month (its figures lock)", [district, month],
                                                       body: form(["csrf": csrf])),
            "/figures/{district}/{month}/reopen": post("figures-reopen", "Reopen a submitted month (the city only)", [district, month],
                                                       body: form(["csrf": csrf])),
        ]
        paths["/forms/{form}"] = ["get": page("form-download", "A form filled for a month, city-wide or one county's", [
            parameter("form", "The form", ["type": "string", "enum": MonthlyForm.allCases.map(\.rawValue)], "path", true),
            parameter("month", "The reporting month, YYYY-MM.", ["type": "string"], "query", true),
            parameter("district", "One county's form (default: the whole city).", ["type": "string"], "query", false),
            parameter("f", "The file: csv, xlsx (default) or html.", ["type": "string", "enum": ["csv", "xlsx", "html"]], "query", false),
        ], type: "application/octet-stream")]
        return paths
    }

    /// A bearer token from `POST /login`, or the session cookie a browser got from it.
    static var securitySchemes: [String: Any] {
        ["bearer": ["type": "http", "scheme": "bearer"], "session": ["type": "apiKey", "in": "cookie", "name": "habitat_session"]]
    }

    /// Either scheme, or none: a project without accounts serves everyone, one with accounts only
    /// its landing and sign-in pages.
    static var security: [[String: [String]]] { [["bearer": []], ["session": []], [:]] }
}
