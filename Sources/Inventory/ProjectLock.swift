import Foundation

/// An exclusive advisory lock on a project file, held while a command changes it, so that two
/// imports into one file run one after the other. (SQLite's own locks would let the second fail
/// half-way instead.)
final class ProjectLock {
    private let descriptor: Int32

    /// Waits for the lock, calling `waiting` once first if another process holds it.
    init(_ path: String, waiting: () -> Void) throws {
        descriptor = try Self.openFile(path)
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            flock(descriptor, LOCK_EX)
        }
    }

    /// Takes the lock if no other process holds it; nil if one does.
    init?(ifFree path: String) throws {
        let descriptor = try Self.openFile(path)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    private static func openFile(_ path: String) throws -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InventoryError.notAProject(path) }
        return descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
