import Foundation

/// Points in time as the project file stores them: ISO 8601 in UTC to the millisecond, which sort
/// as text in time order ("2026-11-26T09:30:00.000Z").
public enum Instant {
    public static func string(_ date: Date) -> String { formatting { formatter.string(from: date) } }

    /// Reads a full timestamp, or a date alone meaning the end of that day (UTC): "as of
    /// 2026-11-26" is what the inventory said when that day was over.
    public static func parse(_ text: String) throws -> String {
        if let date = formatting({ formatter.date(from: text) ?? plainFormatter.date(from: text) }) { return string(date) }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let start = day.date(from: text) else { throw InventoryError.badDate(text) }
        return string(start.addingTimeInterval(86_400 - 0.001))
    }

    /// An instant as clerks read it beside the 北京时间 deadlines: China time to the minute
    /// ("2026-11-30 21:58"); the text as it is where it is no instant.
    public static func chinaTime(_ instant: String) -> String {
        guard let date = formatter.date(from: instant) else { return instant }
        let china = DateFormatter()
        china.locale = Locale(identifier: "en_US_POSIX")
        china.timeZone = TimeZone(identifier: "Asia/Shanghai")
        china.dateFormat = "yyyy-MM-dd HH:mm"
        return china.string(from: date)
    }

    /// The instant a change is recorded at: now, but always after the latest one recorded, so
    /// that every version has its own moment.
    static func next(after latest: String?, now: Date = Date()) -> String {
        var candidate = now
        if let latest, let last = formatting({ formatter.date(from: latest) }), candidate <= last {
            candidate = last.addingTimeInterval(0.001)
        }
        return string(candidate)
    }

    /// The formatters are shared by every thread of the server, and corelibs-foundation's wrap an
    /// ICU date format, which is not safe to use from two threads at once: one at a time.
    private static func formatting<T>(_ work: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return work()
    }

    private static let lock = NSLock()

    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()

    nonisolated(unsafe) private static let plainFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
}
