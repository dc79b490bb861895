import Foundation
import Inventory
import Testing

/// `Instant` formats and reads from many threads at once (the server's thread pool): each answer
/// is the one a formatter of its own gives.
@Suite struct InstantTests {
    @Test func manyThreadsAtOnceGetTheirOwnAnswers() throws {
        nonisolated(unsafe) var wrong: [String] = []
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 20_000) { index in
            let date = Date(timeIntervalSince1970: 1_500_000_000 + Double(index) * 3_600.125)
            let own = ISO8601DateFormatter()
            own.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            own.timeZone = TimeZone(identifier: "UTC")
            let expected = own.string(from: date)
            let text = Instant.string(date)
            let read = try? Instant.parse(text)
            if text != expected || read != expected { lock.withLock { wrong.append("\(expected): \(text), \(read ?? "nil")") } }
        }
        let found = lock.withLock { wrong }
        #expect(found.isEmpty, "\(found.count) wrong, e.g. \(found.prefix(3))")
    }
}
