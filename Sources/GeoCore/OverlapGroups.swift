/// Groups polygons that overlap, directly or through others: so that each group can be dissolved
/// on its own, apart from the rest. Where only interiors join them (the residential land, where
/// no area may count twice), polygons that only touch stay apart; in a layer without overlaps
/// every group then has one member and nothing is unioned.
///
/// Groups are indices into the polygons, each sorted, ordered by their first member; they are kept
/// in one flat list, as nearly all of them hold a single polygon (an array apiece would cost more
/// than the index it holds).
public struct OverlapGroups: RandomAccessCollection {
    /// What puts two polygons in one group.
    public enum Joining: Sendable {
        /// Their interiors overlap.
        case interiors
        /// They have any point in common: the polygons that make one polygon of their union.
        case anyPoint
    }

    /// Every polygon's index, group after group.
    private let members: [Int]
    /// Where each group starts in `members`, and where the last one ends.
    private let starts: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count - 1 }
    public subscript(group: Int) -> ArraySlice<Int> { members[starts[group]..<starts[group + 1]] }

    public init(_ polygons: [Geometry], joining: Joining) throws {
        let index = STRtree(polygons)
        let overlapping: [[Int]] = try Array(polygons.indices).parallelMap { i in
            let polygon = polygons[i]
            let later = index.query(polygon).filter { $0 > i }
            guard !later.isEmpty else { return [] }
            let prepared = try PreparedGeometry(polygon)
            return later.filter { prepared.intersects(polygons[$0]) && (joining == .anyPoint || polygon.interiorsIntersect(polygons[$0])) }
        }
        self.init(count: polygons.count, joining: overlapping.enumerated().flatMap { i, others in others.map { (i, $0) } })
    }

    /// Groups of `count` items, where each pair in `pairs` puts its two in one group.
    public init(count: Int, joining pairs: [(Int, Int)]) {
        // Union-find where a root is always its group's lowest index.
        var parent = Array(0..<count)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for (i, j) in pairs {
            let (a, b) = (root(i), root(j))
            if a != b { parent[Swift.max(a, b)] = Swift.min(a, b) }
        }
        // A root comes before the rest of its group, so groups are numbered by their first member.
        var group = [Int](repeating: 0, count: count)
        var sizes: [Int] = []
        for i in 0..<count {
            let first = root(i)
            if first == i {
                group[i] = sizes.count
                sizes.append(0)
            } else {
                group[i] = group[first]
            }
            sizes[group[i]] += 1
        }
        var starts = [0]
        starts.reserveCapacity(sizes.count + 1)
        for size in sizes { starts.append(starts.last! + size) }
        var next = starts
        var members = [Int](repeating: 0, count: count)
        for i in 0..<count {
            members[next[group[i]]] = i
            next[group[i]] += 1
        }
        self.members = members
        self.starts = starts
    }

    /// Each group's union, in group order, dissolved on every core; a group of one is its polygon
    /// as it is. `polygons` are those the groups were made of.
    public func dissolved(_ polygons: [Geometry]) throws -> [Geometry] {
        try Array(indices).parallelMap { group in try Geometry.union(of: self[group].map { polygons[$0] }) }
    }
}
