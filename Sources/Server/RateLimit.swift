import Foundation
import NIOConcurrencyHelpers

/// At most `limit` requests per key (a client's address, an account's name, the two together) in
/// each `window`, remembering at most `keys` of them: memory stays bounded however many keys
/// come. When the table is full of keys still in their window, a new key is refused until one's
/// window has passed; a key whose requests were all taken back is forgotten at once.
final class RateLimit: Sendable {
    let limit: Int
    let window: TimeInterval
    let keys: Int
    private let counts = NIOLockedValueBox([String: (start: Date, count: Int)]())

    init(limit: Int, window: TimeInterval, keys: Int) {
        (self.limit, self.window, self.keys) = (limit, window, keys)
    }

    /// Counts a request of `key`; false once it has had its `limit` in this window.
    func admit(_ key: String, now: Date = Date()) -> Bool {
        counts.withLockedValue { counts in
            if let entry = counts[key], now.timeIntervalSince(entry.start) < window {
                guard entry.count < limit else { return false }
                counts[key] = (entry.start, entry.count + 1)
                return true
            }
            if counts[key] == nil, counts.count >= keys {
                counts = counts.filter { now.timeIntervalSince($0.value.start) < window }
                guard counts.count < keys else { return false }
            }
            counts[key] = (now, 1)
            return true
        }
    }

    /// How long `key` must wait before it is admitted again; nil when it may come now.
    func retryAfter(_ key: String, now: Date = Date()) -> TimeInterval? {
        counts.withLockedValue { counts in
            guard let entry = counts[key], entry.count >= limit else { return nil }
            let left = window - now.timeIntervalSince(entry.start)
            return left > 0 ? left : nil
        }
    }

    /// Takes back one request of `key` counted by `admit`: one that turned out not to count (a
    /// sign-in with the right password, one another limit refused). At none left, the key goes.
    func release(_ key: String) {
        counts.withLockedValue { counts in
            guard let entry = counts[key] else { return }
            counts[key] = entry.count > 1 ? (entry.start, entry.count - 1) : nil
        }
    }

    /// How many keys the table holds.
    var held: Int { counts.withLockedValue { $0.count } }
}
