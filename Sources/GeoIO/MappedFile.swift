import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file mapped into memory to be read once, front to back. Its pages count as the process's
/// own memory while they are resident, so a reader hands back what it has finished with
/// (`release`): a 100 MB layer then never holds more than a stretch of itself in memory.
final class MappedFile {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Nil for a file that cannot be opened or mapped, or is empty.
    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        count = Int(status.st_size)
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else { return nil }
        bytes = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes), count) }

    /// Lets go of the whole pages inside `range`: read again, they come back from the file.
    func release(_ range: Range<Int>) {
        let start = (range.lowerBound + pageSize - 1) / pageSize * pageSize
        let end = Swift.min(range.upperBound, count) / pageSize * pageSize
        guard start < end else { return }
        madvise(UnsafeMutableRawPointer(mutating: bytes + start), end - start, MADV_DONTNEED)
    }
}
