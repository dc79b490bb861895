import CPROJ
import Foundation

/// Moves coordinates from one coordinate system to a CRS, in bulk, with PROJ.
///
/// Axis order is normalised on both sides: x is always longitude or easting, y latitude or northing,
/// whatever order the EPSG definition lists them in. A web-map source (GCJ-02, BD-09) is first
/// un-shifted to WGS 84. A transformer belongs to the thread that made it (PROJ's rule).
public final class Transformer {
    public let source: CoordinateSystem
    public let target: CRS
    private let operation: OpaquePointer
    /// Kept alive as long as the operation: a thread's contexts and its cached transformers are
    /// released in no fixed order when the thread ends, and PROJ needs the context to destroy.
    private let context: PROJContext

    public init(from source: CoordinateSystem, to target: CRS) throws {
        let context = PROJContext.current
        Self.choosing.lock()
        defer { Self.choosing.unlock() }
        let pair = Pair(source: source, target: target)
        // Each way is chosen on its own, never as the inverse of the other way's choice: that
        // agrees to 1e-9° but not to the last bit, and a transformer must move a point alike
        // whatever the process chose before (an import by the server stores what one by the
        // command line does).
        let chosen = try Self.chosen[pair] ?? ChosenOperation(from: source, to: target)
        Self.chosen[pair] = chosen
        guard let copy = proj_clone(context.handle, chosen.handle) else {
            throw TransformError.noOperation(from: source.description, to: target.description, reason: context.lastError)
        }
        self.source = source
        self.target = target
        self.context = context
        operation = copy
    }

    /// The operations PROJ chose, once per pair for the whole process (under `choosing`): each
    /// thread's transformer is a copy of them in its own context.
    nonisolated(unsafe) private static var chosen: [Pair: ChosenOperation] = [:]
    private static let choosing = NSLock()

    deinit { proj_destroy(operation) }

    /// The calling thread's transformer between the two, made on first use. PROJ takes
    /// milliseconds to choose an operation, so workers that transform a feature at a time share one.
    public static func forThisThread(from source: CoordinateSystem, to target: CRS) throws -> Transformer {
        let cache = perThread.value
        if let transformer = cache.transformers[Pair(source: source, target: target)] { return transformer }
        let transformer = try Transformer(from: source, to: target)
        cache.transformers[Pair(source: source, target: target)] = transformer
        return transformer
    }

    private struct Pair: Hashable {
        let source: CoordinateSystem
        let target: CRS
    }

    private final class Cache {
        var transformers: [Pair: Transformer] = [:]
    }

    private static let perThread = ThreadLocal { Cache() }

    /// Transforms x, y pairs stored interleaved, in place. Returns the index of the first pair that
    /// could not be transformed, or nil when all were.
    public func transform(_ xy: UnsafeMutableBufferPointer<Double>) -> Int? {
        let count = xy.count / 2
        guard count > 0, let base = xy.baseAddress else { return nil }
        if case let .webMap(offset) = source {
            for index in 0..<count {
                let point = offset.unshift(longitude: base[2 * index], latitude: base[2 * index + 1])
                (base[2 * index], base[2 * index + 1]) = (point.longitude, point.latitude)
            }
        }
        let stride = 2 * MemoryLayout<Double>.stride
        proj_trans_generic(operation, PJ_FWD, base, stride, count, base + 1, stride, count, nil, 0, 0, nil, 0, 0)
        return (0..<count).first { !base[2 * $0].isFinite || !base[2 * $0 + 1].isFinite }
    }

    /// The geometry with every vertex transformed.
    public func transform(_ geometry: Geometry) throws -> Geometry {
        try transformedCoordinates(of: geometry).withUnsafeBufferPointer { try geometry.replacingCoordinates($0) }
    }

    /// The geometry's `coordinates`, transformed.
    public func transformedCoordinates(of geometry: Geometry) throws -> [Double] {
        var coordinates = geometry.coordinates
        if let failed = coordinates.withUnsafeMutableBufferPointer({ transform($0) }) {
            let original = geometry.coordinates
            throw TransformError.pointFailed(x: original[2 * failed], y: original[2 * failed + 1],
                                             from: source.description, to: target.description)
        }
        return coordinates
    }

    /// One point.
    public func transform(x: Double, y: Double) throws -> (x: Double, y: Double) {
        var pair = [x, y]
        if pair.withUnsafeMutableBufferPointer({ transform($0) }) != nil {
            throw TransformError.pointFailed(x: x, y: y, from: source.description, to: target.description)
        }
        return (pair[0], pair[1])
    }
}

/// The operation PROJ chose between two systems (with its alternatives by area of use), in a
/// context of its own, only ever touched under `Transformer.choosing`. Choosing takes PROJ
/// tens of milliseconds of database look-ups; copying the choice into another thread's context
/// (`proj_clone`) takes microseconds and transforms exactly alike.
private final class ChosenOperation: @unchecked Sendable {
    let context = PROJContext()
    let handle: OpaquePointer

    init(from source: CoordinateSystem, to target: CRS) throws {
        let base = try source.base
        let raw = proj_create_crs_to_crs(context.handle, base.definition, target.definition, nil)
        defer { proj_destroy(raw) }
        guard let raw, let normalized = proj_normalize_for_visualization(context.handle, raw) else {
            throw TransformError.noOperation(from: source.description, to: target.description, reason: context.lastError)
        }
        handle = normalized
    }

    deinit { proj_destroy(handle) }
}

public enum TransformError: Error, Equatable, CustomStringConvertible {
    case noOperation(from: String, to: String, reason: String)
    case pointFailed(x: Double, y: Double, from: String, to: String)

    public var description: String {
        switch self {
        case let .noOperation(from, to, reason):
            "PROJ has no way to transform from \(from) to \(to) (\(reason))"
        case let .pointFailed(x, y, from, to):
            "the point (\(x), \(y)) cannot be transformed from \(from) to \(to)"
        }
    }
}
