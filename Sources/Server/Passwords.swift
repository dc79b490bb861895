import HummingbirdBcrypt
import Inventory
import NIOPosix

/// Passwords as the accounts keep them: bcrypt hashes, never the text. Slow on purpose (a cost
/// of 12: some 0.25 s a check), so callers run them off the event loop.
public enum Passwords {
    static let cost: UInt8 = 12
    /// Short ones are guessed; bcrypt reads no more than 72 bytes, so longer ones would be cut.
    public static let minLength = 8, maxBytes = 72

    /// The hash to keep for `password`, once it is long enough and not too long.
    public static func hash(_ password: String) throws -> PasswordHash {
        guard password.count >= minLength else { throw PasswordRefused(reason: "shorter than \(minLength) characters") }
        guard password.utf8.count <= maxBytes else { throw PasswordRefused(reason: "longer than \(maxBytes) bytes") }
        guard let hash = PasswordHash(Bcrypt.hash(password, cost: cost)) else { preconditionFailure("bcrypt made no bcrypt hash") }
        return hash
    }

    /// Whether `password` matches `hash`, checked on the thread pool one at a time: the pool is
    /// the one every GDAL read runs on, and a flood of sign-ins must not hold all its threads.
    static func check(_ password: String, hash: String?) async throws -> Bool {
        try await checks.run { try await NIOThreadPool.singleton.runIfActive { matches(password, hash: hash) } }
    }

    static let checks = OneAtATime()

    /// Whether `password` matches `hash`; false for an account without one. An account that is not
    /// there is checked against a hash all the same, so its answer takes as long as any other.
    static func matches(_ password: String, hash: String?) -> Bool {
        guard let hash, !hash.isEmpty else {
            _ = Bcrypt.verify(password, hash: standIn)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    private static let standIn = Bcrypt.hash("no account has this password", cost: cost)

    public struct PasswordRefused: Error, CustomStringConvertible {
        let reason: String
        public var description: String { "the password is \(reason)" }
    }
}
