/// Density-based clustering of points in a plane (Ester et al. 1996), as scikit-learn's DBSCAN
/// does it: a point with at least `minPoints` points within `eps` (itself included, distance ≤ eps)
/// is a core point; clusters grow from core points taken in input order, and a border point that
/// two clusters reach belongs to the first. Noise is labelled -1.
public enum DBSCAN {
    public static func labels(x: [Double], y: [Double], eps: Double, minPoints: Int) -> [Int] {
        precondition(x.count == y.count && eps > 0)
        let count = x.count
        // Points bucketed in squares of side eps: a point's neighbours lie in its square and the eight around it.
        func square(_ index: Int) -> SIMD2<Int> { SIMD2(Int((x[index] / eps).rounded(.down)), Int((y[index] / eps).rounded(.down))) }
        var buckets: [SIMD2<Int>: [Int]] = [:]
        for index in 0..<count { buckets[square(index), default: []].append(index) }
        let epsSquared = eps * eps
        let neighbours: [[Int]] = (0..<count).map { index in
            let home = square(index)
            var found: [Int] = []
            for dx in -1...1 {
                for dy in -1...1 {
                    for other in buckets[home &+ SIMD2(dx, dy)] ?? [] {
                        let (ex, ey) = (x[other] - x[index], y[other] - y[index])
                        if ex * ex + ey * ey <= epsSquared { found.append(other) }
                    }
                }
            }
            return found
        }
        let isCore = neighbours.map { $0.count >= minPoints }
        var labels = Array(repeating: -1, count: count)
        var next = 0
        for start in 0..<count where labels[start] == -1 && isCore[start] {
            var stack = [start]
            while let point = stack.popLast() {
                guard labels[point] == -1 else { continue }
                labels[point] = next
                if isCore[point] { stack.append(contentsOf: neighbours[point].filter { labels[$0] == -1 }) }
            }
            next += 1
        }
        return labels
    }
}
