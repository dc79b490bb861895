import Foundation

/// A moment as the incidents layer keeps it ("2018-03-25 17:40:00", or "2018-03-25" for a day),
/// counted in seconds so that deadlines can be added and hours measured. Times are the local time
/// the hotline wrote; no time zone is involved.
public struct CaseTime: Sendable, Comparable, Hashable {
    /// Seconds since 1970-01-01 00:00 of the same clock.
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// A moment written YYYY-MM-DD HH:MM(:SS), or a day alone: its first second, or with `dayEnds` its last (a deadline given as a
    /// day runs to that day's end).
    public init?(_ text: String?, dayEnds: Bool = false) {
        guard let text else { return nil }
        let numbers = text.split { !$0.isNumber }.map { Int($0) ?? -1 }
        guard [3, 5, 6].contains(numbers.count), (1...12).contains(numbers[1]), (1...31).contains(numbers[2]) else { return nil }
        let time = numbers.count > 3 ? numbers[3] * 3600 + numbers[4] * 60 + (numbers.count == 6 ? numbers[5] : 0) : (dayEnds ? 86_399 : 0)
        let days = Self.days(numbers[0], numbers[1], numbers[2])
        // 30 February and the like: no day.
        guard Self.civil(days) == (numbers[0], numbers[1], numbers[2]) else { return nil }
        seconds = days * 86_400 + time
    }

    public static func < (a: CaseTime, b: CaseTime) -> Bool { a.seconds < b.seconds }

    public func adding(hours: Double) -> CaseTime { CaseTime(seconds: seconds + Int((hours * 3600).rounded())) }

    public func hours(since earlier: CaseTime) -> Double { Double(seconds - earlier.seconds) / 3600 }

    /// Its day, YYYY-MM-DD, as `ReportingPeriod` compares days.
    public var day: String {
        let (year, month, day) = Self.civil(seconds.floorDiv(86_400))
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Its moment, YYYY-MM-DD HH:MM:SS, as the incidents layer keeps it.
    public var text: String {
        let time = seconds - seconds.floorDiv(86_400) * 86_400
        return day + String(format: " %02d:%02d:%02d", time / 3600, time / 60 % 60, time % 60)
    }

    /// Now, on the programme's clock: China Standard Time (UTC+8, no summer time), the hotline's.
    public static var now: CaseTime { CaseTime(seconds: Int(Date().timeIntervalSince1970.rounded(.down)) + 8 * 3600) }

    /// The last second of a day given as YYYY-MM-DD: the end of a reporting period.
    static func endOf(_ day: String) -> CaseTime { CaseTime(day, dayEnds: true)! }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count (civil_from_days).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private extension Int {
    func floorDiv(_ divisor: Int) -> Int { (self - (self < 0 ? divisor - 1 : 0)) / divisor }
}
