import Foundation
import Inventory
import Testing
import TestSupport

/// Signing in to `habitat serve` (a project with accounts), against the running server: tokens
/// and cookies, expiry, one project's token at another, CSRF on cookie posts, wrong passwords
/// slowed, disabled accounts, names with SQL in them, and no password in any answer or log.
@Suite(.serialized) struct SignInTests {
    typealias Answer = (status: Int, headers: [String: String], body: String)

    /// A new project with the accounts given (name, password; a county's unless `city`).
    func project(_ folder: URL, name: String = "qujing", accounts: [(name: String, password: String)]) throws -> String {
        let path = folder.appendingPathComponent("\(name).gpkg").path
        try #require(try TestSupport.run(TestSupport.habitat, ["init", path]).status == 0)
        for account in accounts {
            let added = try TestSupport.run(TestSupport.habitat, ["account", "add", path, account.name, "--district", "530324"])
            try #require(added.status == 0, "\(added.stderr)")
            let set = try TestSupport.run("/bin/sh", ["-c", "printf '%s\\n' \"$0\" | \"$1\" account password \"$2\" \"$3\"",
                                                      account.password, TestSupport.habitat, path, account.name])
            try #require(set.status == 0, "\(set.stderr)")
        }
        return path
    }

    /// `from`: the client's address, another loopback one than 127.0.0.1 (curl binds to it).
    func signIn(_ server: RunningServer, _ name: String, _ password: String, from address: String? = nil) throws -> Answer {
        let body = try JSONSerialization.data(withJSONObject: ["name": name, "password": password])
        return try server.send("POST", "/login", body: String(decoding: body, as: UTF8.self), type: "application/json", from: address)
    }

    func token(_ server: RunningServer, _ name: String, _ password: String) throws -> String {
        let answer = try signIn(server, name, password)
        try #require(answer.status == 200, "\(answer)")
        return try #require(try TestSupport.json(answer.body)["token"] as? String)
    }

    /// SHA-256 of `text` in hex, by coreutils.
    func sha256(_ text: String) throws -> String {
        let run = try TestSupport.run("/bin/sh", ["-c", "printf '%s' \"$0\" | sha256sum", text])
        return String(run.stdout.prefix(64))
    }

    func sqlite(_ project: String, _ query: String) throws -> String {
        let run = try TestSupport.run(TestSupport.python, ["-c", """
            import sqlite3, sys
            print("\\n".join(str(row[0]) for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])), end="")
            """, project, query])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func withoutAccountsTheServerStaysPublic() throws {
        let folder = try TestSupport.temporaryFolder("signin-public")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: []))
        defer { server.stop() }
        #expect(try server.get("/collections").status == 200)
        #expect(try server.get("/collections/parks/items").status == 200)
        #expect(try server.get("/login").status == 200)
    }

    @Test func withAccountsOnlyTheLandingAndSignInPagesAreOpen() throws {
        let folder = try TestSupport.temporaryFolder("signin-tokens")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder, accounts: [("luoping", "罗平-password-1")])
        let server = try RunningServer(project: project)
        defer { server.stop() }

        // No token: a program hears 401, a browser is sent to sign in and back.
        let refused = try server.get("/collections/parks/items?limit=2")
        #expect(refused.status == 401 && refused.headers["www-authenticate"] == "Bearer", "\(refused)")
        #expect(try TestSupport.json(refused.body)["status"] as? Int == 401)
        let page = try server.get("/collections/parks/items?limit=2", accept: "text/html")
        #expect(page.status == 303 && page.headers["location"] == "/login?next=/collections/parks/items%3Flimit%3D2", "\(page)")
        #expect(try server.get("/").status == 200)
        let login = try server.get("/login")
        #expect(login.status == 200 && login.body.contains("name=\"password\" type=\"password\""), "\(login)")

        // A token: at least 128 random bits (base64url), kept by the project only as its SHA-256.
        let answer = try signIn(server, "luoping", "罗平-password-1")
        #expect(answer.status == 200 && answer.headers["cache-control"] == "no-store", "\(answer)")
        let document = try TestSupport.json(answer.body)
        let token = try #require(document["token"] as? String)
        let bytes = Data(base64Encoded: token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")
        #expect((bytes?.count ?? 0) * 8 >= 128, "\(token)")
        let expires = try #require(document["expires"] as? String)
        let lifetime = try #require(ISO8601DateFormatter.withFractions.date(from: expires)).timeIntervalSinceNow
        #expect(lifetime > 11 * 3600 && lifetime <= 12 * 3600, "\(expires)")
        #expect(try sqlite(project, "SELECT token_hash FROM sessions") == (try sha256(token)))
        #expect(try sqlite(project, "SELECT count(*) FROM sessions WHERE token_hash LIKE '%\(token)%'") == "0")

        #expect(try server.send("GET", "/collections/parks/items?limit=2", headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer \(token)x"]).status == 401)
        #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer "]).status == 401)

        // Sessions made through the library, by the SHA-256 of a token of our own: an expired one
        // signs no one in, a live one does.
        for (minutes, status) in [(-1.0, 401), (60.0, 200)] {
            let own = "test-token-\(UUID().uuidString)"
            try Accounts.startSession(tokenHash: try sha256(own), for: "luoping", expires: Date().addingTimeInterval(minutes * 60), in: project)
            #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer \(own)"]).status == status, "\(minutes) minutes")
        }

        // Signed out with the bearer token (no CSRF token needed): the token is dead.
        #expect(try server.send("POST", "/logout", headers: ["Authorization: Bearer \(token)"]).status == 204)
        #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer \(token)"]).status == 401)
    }

    @Test func aTokenOfOneProjectIsRefusedByAnother() throws {
        let folder = try TestSupport.temporaryFolder("signin-projects")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The same account and password in both.
        let a = try RunningServer(project: try project(folder, name: "a", accounts: [("luoping", "same-password")]))
        defer { a.stop() }
        let b = try RunningServer(project: try project(folder, name: "b", accounts: [("luoping", "same-password")]))
        defer { b.stop() }
        let token = try token(a, "luoping", "same-password")
        #expect(try a.send("GET", "/collections", headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try b.send("GET", "/collections", headers: ["Authorization: Bearer \(token)"]).status == 401)
    }

    @Test func cookieSessionsPostOnlyWithTheirCSRFToken() throws {
        let folder = try TestSupport.temporaryFolder("signin-csrf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: [("luoping", "罗平-password-1")]))
        defer { server.stop() }

        let form = "name=luoping&password=%E7%BD%97%E5%B9%B3-password-1&next=%2Fcollections%3Ff%3Dhtml"
        let signedIn = try server.send("POST", "/login", body: form, type: "application/x-www-form-urlencoded")
        #expect(signedIn.status == 303 && signedIn.headers["location"] == "/collections?f=html", "\(signedIn)")
        let setCookie = try #require(signedIn.headers["set-cookie"])
        let attributes = Set(setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/"]), "\(setCookie)")
        let cookie = "Cookie: " + String(setCookie.prefix { $0 != ";" })
        #expect(try server.send("GET", "/collections", headers: [cookie]).status == 200)

        // A post on the strength of the cookie alone, or with a made-up token: refused, the session lives.
        for (headers, body) in [([cookie], ""), ([cookie], "csrf=0123"), ([cookie, "X-CSRF-Token: 0123"], "")] {
            let post = try server.send("POST", "/logout", headers: headers, body: body, type: "application/x-www-form-urlencoded")
            #expect(post.status == 403, "\(headers) \(body): \(post)")
        }
        #expect(try server.send("GET", "/collections", headers: [cookie]).status == 200)
        // Another session's token is no better.
        let other = try server.send("POST", "/login", body: form, type: "application/x-www-form-urlencoded")
        let otherPage = try server.send("GET", "/login", headers: ["Cookie: " + String((other.headers["set-cookie"] ?? "").prefix { $0 != ";" })])
        let otherCSRF = try #require(csrf(in: otherPage.body))
        #expect(try server.send("POST", "/logout", headers: [cookie, "X-CSRF-Token: \(otherCSRF)"]).status == 403)

        // The token the sign-in page gives this session: signed out, the cookie cleared.
        let page = try server.send("GET", "/login", headers: [cookie])
        #expect(page.body.contains("Signed in as <b>luoping</b>"), "\(page.body)")
        let token = try #require(csrf(in: page.body))
        #expect(token != otherCSRF)
        let out = try server.send("POST", "/logout", headers: [cookie], body: "csrf=\(token)", type: "application/x-www-form-urlencoded")
        #expect(out.status == 303 && (out.headers["set-cookie"] ?? "").contains("Max-Age=0"), "\(out)")
        #expect(try server.send("GET", "/collections", headers: [cookie]).status == 401)
    }

    /// The hidden `csrf` field of a page.
    func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func wrongPasswordsAreSlowedPerAccountFromAnAddressAndPerAddress() throws {
        let folder = try TestSupport.temporaryFolder("signin-slowed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("serve.log")
        let passwords = [("luoping", "罗平-password-1"), ("fuyuan", "富源-password-2")]
        let server = try RunningServer(project: try project(folder, accounts: passwords), log: log)
        defer { server.stop() }
        var answers: [Answer] = []

        for _ in 0..<5 { answers.append(try signIn(server, "luoping", "guess-\(UUID().uuidString)")) }
        #expect(answers.allSatisfy { $0.status == 401 }, "\(answers.map(\.status))")
        // Now the right password waits too, from this address.
        let waiting = try signIn(server, "luoping", "罗平-password-1")
        answers.append(waiting)
        #expect(waiting.status == 429, "\(waiting)")
        let retry = Int(waiting.headers["retry-after"] ?? "") ?? 0
        #expect(retry > 0 && retry <= 900, "\(waiting.headers)")
        // The account is not locked for everyone: from another address it signs in.
        answers.append(try signIn(server, "luoping", "罗平-password-1", from: "127.0.0.2"))
        #expect(answers.last?.status == 200, "\(answers.last.map { "\($0)" } ?? "")")
        // Another account from the same address still signs in.
        answers.append(try signIn(server, "fuyuan", "富源-password-2"))
        #expect(answers.last?.status == 200)

        // Twenty wrong passwords from one address, whatever the names: then every name waits there.
        for index in 0..<15 { answers.append(try signIn(server, "nobody-\(index)", "guess")) }
        #expect(answers.suffix(15).allSatisfy { $0.status == 401 }, "\(answers.suffix(15).map(\.status))")
        answers.append(try signIn(server, "fuyuan", "富源-password-2"))
        #expect(answers.last?.status == 429, "\(answers.last.map { "\($0)" } ?? "")")
        answers.append(try signIn(server, "fuyuan", "富源-password-2", from: "127.0.0.3"))
        #expect(answers.last?.status == 200, "\(answers.last.map { "\($0)" } ?? "")")
        // A name longer than any account's is refused before it is counted.
        #expect(try signIn(server, String(repeating: "x", count: 65), "guess", from: "127.0.0.4").status == 400)

        // No password in any answer, nor in the server's log.
        server.stop()
        let everything = answers.map { "\($0.headers) \($0.body)" }.joined() + ((try? String(contentsOf: log, encoding: .utf8)) ?? "")
        for (_, password) in passwords { #expect(!everything.contains(password)) }
        #expect(!everything.contains("guess"))
    }

    @Test func withAccountsTheMapPageIsNotShownToStrangers() throws {
        let folder = try TestSupport.temporaryFolder("signin-landing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: [("luoping", "罗平-password-1")]))
        defer { server.stop() }
        // The map (figures computed for it) is sent to sign in.
        for (path, accept, back) in [("/", "text/html", "/"), ("/?f=html", nil, "/%3Ff%3Dhtml")] {
            let page = try server.get(path, accept: accept)
            #expect(page.status == 303 && page.headers["location"] == "/login?next=\(back)", "\(path): \(page)")
            #expect(!page.body.contains("leaflet") && !page.body.contains("indicator"), "\(page.body)")
        }
        // The standard's landing document stays open: links, nothing computed.
        for path in ["/", "/?f=json"] {
            let landing = try server.get(path)
            #expect(landing.status == 200, "\(path): \(landing)")
            #expect(Set(try TestSupport.json(landing.body).keys) == ["title", "description", "links"], "\(landing.body)")
        }
        // Signed in, the map is there.
        let token = try token(server, "luoping", "罗平-password-1")
        let map = try server.send("GET", "/?f=html", headers: ["Authorization: Bearer \(token)"])
        #expect(map.status == 200 && map.body.contains("<html"), "\(map.status)")
    }

    @Test func aSignInFromAnotherSitesPageIsRefused() throws {
        let folder = try TestSupport.temporaryFolder("signin-cross-site")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: [("luoping", "罗平-password-1")]))
        defer { server.stop() }
        let form = "name=luoping&password=%E7%BD%97%E5%B9%B3-password-1"
        for header in ["Origin: http://evil.example", "Origin: null", "Origin: http://127.0.0.1:1", "Sec-Fetch-Site: cross-site",
                       "Sec-Fetch-Site: same-site"] {
            let refused = try server.send("POST", "/login", headers: [header], body: form, type: "application/x-www-form-urlencoded")
            #expect(refused.status == 403 && refused.headers["set-cookie"] == nil, "\(header): \(refused)")
        }
        for header in ["Origin: \(server.base)", "Sec-Fetch-Site: same-origin", "Sec-Fetch-Site: none"] {
            let signedIn = try server.send("POST", "/login", headers: [header], body: form, type: "application/x-www-form-urlencoded")
            #expect(signedIn.status == 303 && signedIn.headers["set-cookie"] != nil, "\(header): \(signedIn)")
        }
    }

    @Test func behindHTTPSTheCookieIsSecureAndHostOnly() throws {
        let folder = try TestSupport.temporaryFolder("signin-secure")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: [("luoping", "罗平-password-1")]), options: ["--secure-cookies"])
        defer { server.stop() }
        let form = "name=luoping&password=%E7%BD%97%E5%B9%B3-password-1"
        let signedIn = try server.send("POST", "/login", body: form, type: "application/x-www-form-urlencoded")
        let setCookie = try #require(signedIn.headers["set-cookie"], "\(signedIn)")
        let attributes = Set(setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(setCookie.hasPrefix("__Host-habitat_session=") && !setCookie.contains("Domain"), "\(setCookie)")
        #expect(attributes.isSuperset(of: ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"]), "\(setCookie)")
        let value = String(setCookie.prefix { $0 != ";" }.drop { $0 != "=" }.dropFirst())
        #expect(try server.send("GET", "/collections", headers: ["Cookie: __Host-habitat_session=\(value)"]).status == 200)
        // The plain name, which any subdomain or plain-HTTP page could set, is not read.
        #expect(try server.send("GET", "/collections", headers: ["Cookie: habitat_session=\(value)"]).status == 401)
    }

    @Test func aDisabledAccountIsSignedOutAndStaysOut() throws {
        let folder = try TestSupport.temporaryFolder("signin-disabled")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try project(folder, accounts: [("luoping", "罗平-password-1")])
        let server = try RunningServer(project: project)
        defer { server.stop() }
        let token = try token(server, "luoping", "罗平-password-1")
        #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try TestSupport.run(TestSupport.habitat, ["account", "disable", project, "luoping"]).status == 0)
        #expect(try server.send("GET", "/collections", headers: ["Authorization: Bearer \(token)"]).status == 401)
        #expect(try signIn(server, "luoping", "罗平-password-1").status == 401)
    }

    @Test func namesWithSQLAndMarkupSignInAsWritten() throws {
        let folder = try TestSupport.temporaryFolder("signin-sql")
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["x'); DROP TABLE accounts;--", "' OR '1'='1", "<b>罗平</b>"]
        let project = try project(folder, accounts: names.map { ($0, "password-of-\($0)") })
        let server = try RunningServer(project: project)
        defer { server.stop() }
        for name in names {
            let token = try token(server, name, "password-of-\(name)")
            let page = try server.send("GET", "/login", headers: ["Authorization: Bearer \(token)"])
            #expect(page.body.contains("Signed in as <b>\(name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))</b>"), "\(page.body)")
        }
        // The SQL matched nothing it should not have: a like name, another's password, fail.
        #expect(try signIn(server, "' OR '1'='1", "password-of-x'); DROP TABLE accounts;--").status == 401)
        #expect(try signIn(server, "' OR '1'='2", "password-of-' OR '1'='1").status == 401)
        #expect(try sqlite(project, "SELECT name FROM accounts ORDER BY fid").split(separator: "\n").map(String.init) == names)
    }

    /// A program that posts a form without encoding it (a space, Chinese as UTF-8 bytes) or with a
    /// broken `%` gets an answer, and the server goes on serving (it once trapped on these).
    @Test func unencodedFormsAreAnsweredAndTheServerServesOn() throws {
        let folder = try TestSupport.temporaryFolder("signin-raw-form")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RunningServer(project: try project(folder, accounts: [("长安", "password-of-长安")]))
        defer { server.stop() }
        let form = "application/x-www-form-urlencoded"
        #expect(try server.send("POST", "/login", body: "name=长安&password=password-of-长安", type: form).status == 303)
        #expect(try server.send("POST", "/login", body: "name=a b&password=xxxxxxxx", type: form).status == 401)
        for broken in ["name=%E9%95&password=xxxxxxxx", "name=%zz&password=xxxxxxxx", "name=%+1&password=xxxxxxxx", "name=a%"] {
            #expect(try server.send("POST", "/login", body: broken, type: form).status == 400, "\(broken)")
        }
        #expect(try server.get("/login").status == 200)
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

extension RunningServer {
    /// Any request: `method` to `path` with `headers` (as curl takes them) and a body of `type`.
    /// `from`: the loopback address to send from (127.0.0.2, …), a client other than 127.0.0.1.
    func send(_ method: String, _ path: String, headers: [String] = [], body: String? = nil,
              type: String = "application/json", from address: String? = nil) throws -> (status: Int, headers: [String: String], body: String) {
        let folder = try TestSupport.temporaryFolder("send")
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = ["-s", "-D", "-", "--max-time", "60", "-g", "-X", method, "-H", "Expect:"] + headers.flatMap { ["-H", $0] }
            + (address.map { ["--interface", $0] } ?? [])
        if let body { arguments += ["-H", "Content-Type: \(type)", "--data-binary", "@\(try TestSupport.write(body, to: "body", in: folder))"] }
        let run = try TestSupport.run("curl", arguments + [base + path])
        guard run.status == 0 else { throw ServerFailed(message: "curl \(method) \(path): \(run.stderr)") }
        return parsed(run.stdout)
    }
}
