"""Plane geometry on open rings in metres: areas, orientation, containment, validity, overlaps."""
import math

def signed_area(ring):
    """Shoelace area of an open ring (no repeated last point); > 0 when counter-clockwise."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def on_segment(a, b, p):
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_touch(a, b, c, d):
    """True if closed segments ab and cd share any point."""
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    if ((o1 > 0 and o2 < 0) or (o1 < 0 and o2 > 0)) and ((o3 > 0 and o4 < 0) or (o3 < 0 and o4 > 0)):
        return True
    return ((o1 == 0 and on_segment(a, b, c)) or (o2 == 0 and on_segment(a, b, d))
            or (o3 == 0 and on_segment(c, d, a)) or (o4 == 0 and on_segment(c, d, b)))


def segments_cross(a, b, c, d):
    """True if segments ab and cd cross at a single interior point of both."""
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def point_in_ring(p, ring):
    x, y = p
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def dist_to_ring(p, ring):
    best = float("inf")
    n = len(ring)
    for i in range(n):
        ax, ay = ring[i]
        bx, by = ring[(i + 1) % n]
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy))
    return best


def ring_problems(ring):
    """Why an open ring is not a valid counter-clockwise exterior ring (empty list if it is)."""
    n = len(ring)
    if n < 3:
        return ["fewer than 4 positions"]
    problems = []
    if signed_area(ring) <= 0:
        problems.append("not counter-clockwise")
    for i in range(n):
        if ring[i] == ring[(i + 1) % n]:
            problems.append("repeated vertex")
        # A zero-width spike: the next edge folds back along this one.
        a, b, c = ring[i - 1], ring[i], ring[(i + 1) % n]
        if orient(a, b, c) == 0 and (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0:
            problems.append("spike")
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # adjacent through the closing vertex
            if segments_touch(a, b, ring[j], ring[(j + 1) % n]):
                problems.append("self-intersection")
                return problems
    return problems


def rings_overlap(r1, r2):
    """Whether two simple rings share interior area (generic positions; touching is not tested)."""
    for i in range(len(r1)):
        a, b = r1[i], r1[(i + 1) % len(r1)]
        for j in range(len(r2)):
            if segments_cross(a, b, r2[j], r2[(j + 1) % len(r2)]):
                return True
    return any(point_in_ring(p, r2) for p in r1) or any(point_in_ring(p, r1) for p in r2)


def bbox(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def overlapping_pairs(rings_a, rings_b=None, cell=400.0):
    """Index pairs (i, j) of overlapping rings, within one list or between two."""
    same = rings_b is None
    rings_b = rings_a if same else rings_b
    grid = {}
    for j, r in enumerate(rings_b):
        x0, y0, x1, y1 = bbox(r)
        for gx in range(int(math.floor(x0 / cell)), int(math.floor(x1 / cell)) + 1):
            for gy in range(int(math.floor(y0 / cell)), int(math.floor(y1 / cell)) + 1):
                grid.setdefault((gx, gy), []).append(j)
    found = set()
    for i, r in enumerate(rings_a):
        x0, y0, x1, y1 = bbox(r)
        seen = set()
        for gx in range(int(math.floor(x0 / cell)), int(math.floor(x1 / cell)) + 1):
            for gy in range(int(math.floor(y0 / cell)), int(math.floor(y1 / cell)) + 1):
                seen.update(grid.get((gx, gy), ()))
        for j in sorted(seen):
            if same and j <= i:
                continue
            bx0, by0, bx1, by1 = bbox(rings_b[j])
            if bx0 > x1 or bx1 < x0 or by0 > y1 or by1 < y0:
                continue
            if rings_overlap(r, rings_b[j]):
                found.add((i, j))
    return sorted(found)
