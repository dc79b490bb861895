import Foundation
import NIOConcurrencyHelpers
@testable import Server
import Testing

/// The parts of signing in that a running server cannot show in a test's time: the tables of the
/// rate limits stay bounded and free of made-up names, bcrypt runs one check at a time, tokens
/// are compared whole, and one parser reads every posted form.
@Suite struct SignInLimitsTests {
    /// Small tables, so that filling one takes a few calls rather than ten thousand.
    func signIn(keys: Int) -> SignIn {
        SignIn(project: "unused", byAddress: RateLimit(limit: 20, window: 900, keys: keys),
               byAccountFromAddress: RateLimit(limit: 5, window: 900, keys: keys), byAccount: RateLimit(limit: 200, window: 900, keys: keys))
    }

    @Test func aKeyTakenBackToNothingIsForgotten() {
        let limit = RateLimit(limit: 5, window: 900, keys: 3)
        for index in 0..<10 {
            #expect(limit.admit("key-\(index)"))
            limit.release("key-\(index)")
        }
        #expect(limit.held == 0)
        #expect(limit.admit("another"))
    }

    @Test func madeUpNamesAreCountedPerAddressOnly() {
        let signIn = signIn(keys: 10)
        // One client, thousands of names: refused past its twenty, and no name kept anywhere.
        let refused = (0..<2_000).filter { signIn.admit(name: "made-up-\($0)", from: "10.0.0.1", known: false) != nil }
        #expect(refused.count == 2_000 - 20)
        #expect(signIn.byAccount.held == 0 && signIn.byAccountFromAddress.held == 0)
        // Real users elsewhere sign in.
        for index in 0..<9 { #expect(signIn.admit(name: "luoping", from: "10.0.1.\(index)", known: true) == nil) }
    }

    @Test func aRefusalLeavesNothingCounted() {
        let signIn = signIn(keys: 10)
        for _ in 0..<20 { #expect(signIn.admit(name: "nobody", from: "10.0.0.1", known: false) == nil) }
        let wait = signIn.admit(name: "luoping", from: "10.0.0.1", known: true)
        #expect(wait != nil && wait! > 0 && wait! <= 900)
        #expect(signIn.byAccount.held == 0 && signIn.byAccountFromAddress.held == 0)
        // Five wrong for an account from one address: refused there, not from another.
        for _ in 0..<5 { #expect(signIn.admit(name: "fuyuan", from: "10.0.0.2", known: true) == nil) }
        #expect(signIn.admit(name: "fuyuan", from: "10.0.0.2", known: true) != nil)
        #expect(signIn.admit(name: "fuyuan", from: "10.0.0.3", known: true) == nil)
        // The right password takes its attempt back: nothing of 10.0.0.3 is left.
        signIn.release(name: "fuyuan", from: "10.0.0.3")
        #expect(signIn.byAccountFromAddress.held == 1 && signIn.byAddress.held == 2)
    }

    @Test func oneAtATimeRunsOneAtATime() async throws {
        let gate = OneAtATime()
        let inside = NIOLockedValueBox((now: 0, most: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await gate.run {
                        inside.withLockedValue { $0 = ($0.now + 1, max($0.most, $0.now + 1)) }
                        await Task.yield()
                        try await Task.sleep(nanoseconds: 1_000_000)
                        inside.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let counted = inside.withLockedValue { $0 }
        #expect(counted.most == 1 && counted.now == 0)
    }

    @Test func tokensAreComparedWhole() {
        let token = String(repeating: "a1", count: 32)
        #expect(SessionToken.same(token, token))
        #expect(!SessionToken.same(nil, token))
        #expect(!SessionToken.same("", token))
        #expect(!SessionToken.same(String(token.dropLast()), token))
        #expect(!SessionToken.same(String(token.dropLast()) + "b", token))
        #expect(!SessionToken.same(token + "a", token))
    }

    @Test func formsAndJSONAreReadAlike() throws {
        let form = try FormFields.parse("name=%E7%BD%97+%E5%B9%B3&csrf=x%26y&empty=", contentType: "application/x-www-form-urlencoded; charset=utf-8")
        #expect(form == ["name": "罗 平", "csrf": "x&y", "empty": ""])
        #expect(try FormFields.parse("", contentType: "application/x-www-form-urlencoded") == [:])
        #expect(throws: Problem.self) { try FormFields.parse("csrf=1&csrf=2", contentType: "application/x-www-form-urlencoded") }
        #expect(try FormFields.parse(#"{"name": "罗 平", "n": 3}"#, contentType: "application/json") == ["name": "罗 平", "n": "3"])
        #expect(throws: Problem.self) { try FormFields.parse("name=x", contentType: "text/plain") }
    }
}
