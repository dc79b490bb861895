import Hummingbird
import NIOCore

extension Request {
    /// The whole body of a request, or a 413 saying what it was and how large it may be.
    mutating func body(upTo limit: Int, of what: String) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            let size = limit >= 1024 * 1024 ? "\(limit / 1024 / 1024) MB" : "\(limit / 1024) KB"
            throw Problem(status: .contentTooLarge, detail: "\(what) is at most \(size)")
        }
    }
}
