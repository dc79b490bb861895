import GeoCore

/// Groups polygons whose interiors overlap, directly or through others, so each group can be
/// dissolved into one geometry and no area is counted twice. Polygons that only touch stay apart;
/// in a layer without overlaps every group has one member and nothing is unioned.
enum OverlapGroups {
    /// Groups of indices into `polygons`, each sorted, ordered by their first member.
    static func of(_ polygons: [Geometry]) throws -> [[Int]] {
        let index = STRtree(polygons)
        let overlapping: [[Int]] = try Array(polygons.indices).parallelMap { i in
            let polygon = polygons[i]
            let later = index.query(polygon).filter { $0 > i }
            guard !later.isEmpty else { return [] }
            let prepared = try PreparedGeometry(polygon)
            return later.filter { prepared.intersects(polygons[$0]) && polygon.interiorsIntersect(polygons[$0]) }
        }
        var parent = Array(polygons.indices)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for (i, others) in overlapping.enumerated() {
            for j in others {
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in polygons.indices { groups[root(i), default: []].append(i) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
