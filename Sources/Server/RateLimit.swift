import Foundation
import NIOConcurrencyHelpers

/// At most `limit` requests per client address in each `window`, remembering at most `addresses`
/// clients: memory stays bounded however many addresses ask. When the table is full of clients
/// still in their window, a new address is refused until one's window has passed.
final class RateLimit: Sendable {
    let limit: Int
    let window: TimeInterval
    let addresses: Int
    private let counts = NIOLockedValueBox([String: (start: Date, count: Int)]())

    init(limit: Int, window: TimeInterval, addresses: Int) {
        (self.limit, self.window, self.addresses) = (limit, window, addresses)
    }

    /// Counts a request from `address`; false once it has had its `limit` in this window.
    func admit(_ address: String, now: Date = Date()) -> Bool {
        counts.withLockedValue { counts in
            if let entry = counts[address], now.timeIntervalSince(entry.start) < window {
                guard entry.count < limit else { return false }
                counts[address] = (entry.start, entry.count + 1)
                return true
            }
            if counts[address] == nil, counts.count >= addresses {
                counts = counts.filter { now.timeIntervalSince($0.value.start) < window }
                guard counts.count < addresses else { return false }
            }
            counts[address] = (now, 1)
            return true
        }
    }

    /// How long `address` must wait before it is admitted again; nil when it may come now.
    func retryAfter(_ address: String, now: Date = Date()) -> TimeInterval? {
        counts.withLockedValue { counts in
            guard let entry = counts[address], entry.count >= limit else { return nil }
            let left = window - now.timeIntervalSince(entry.start)
            return left > 0 ? left : nil
        }
    }

    /// Takes back one request of `address` counted by `admit`: one that turned out not to count
    /// (a sign-in with the right password).
    func release(_ address: String) {
        counts.withLockedValue { counts in
            if let entry = counts[address], entry.count > 0 { counts[address] = (entry.start, entry.count - 1) }
        }
    }
}
