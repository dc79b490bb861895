/// An order of geometries in which neighbours on the ground come near each other in the list (the
/// Hilbert curve through their envelopes' centres), so that a worker taking a run of them touches
/// only what lies near that run.
public enum SpatialOrder {
    /// Indices into `geometries`, in Hilbert order of their centres; empty geometries last.
    public static func of(_ geometries: [Geometry]) -> [Int] {
        let boxes = geometries.map(\.envelope)
        guard let extent = Envelope.union(of: boxes.compactMap { $0 }) else { return Array(geometries.indices) }
        let side = 1 << 16
        let scale = Double(side - 1) / Swift.max(extent.maxX - extent.minX, extent.maxY - extent.minY, .leastNormalMagnitude)
        let keys = boxes.map { box -> Int in
            guard let box else { return .max }
            let x = Int(((box.minX + box.maxX) / 2 - extent.minX) * scale)
            let y = Int(((box.minY + box.maxY) / 2 - extent.minY) * scale)
            return hilbertIndex(x: x, y: y, side: side)
        }
        return geometries.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    }

    /// The position of cell (x, y) along the Hilbert curve through a `side` × `side` grid (`side` a
    /// power of two).
    static func hilbertIndex(x: Int, y: Int, side: Int) -> Int {
        var (x, y, index) = (x, y, 0)
        var half = side / 2
        while half > 0 {
            let right = x & half > 0 ? 1 : 0, up = y & half > 0 ? 1 : 0
            index += half * half * ((3 * right) ^ up)
            // Rotate the quadrant so the curve inside it runs the same way as the whole.
            if up == 0 {
                if right == 1 { (x, y) = (side - 1 - x, side - 1 - y) }
                (x, y) = (y, x)
            }
            half /= 2
        }
        return index
    }
}
