#!/usr/bin/env python3
"""Generate the small synthetic sample city in geodata/.

A plausible but invented layer set around Qujing's central city (about 103.80 E, 25.50 N):

  built_up.geojson     4 built-up areas (建成区): 麒麟中心城区 (about 8 x 6 km) and three
                       smaller towns / clusters; fields name, population, district
  residential.geojson  residential blocks (居住用地) on a jittered street grid in and just around
                       the built-up areas, including a few deliberately overlapping pairs (two
                       survey batches that disagree); fields name, population
  parks.geojson        parks (公园绿地) from pocket parks to 40 ha, mostly in street blocks that
                       hold no housing; fields name, class (G11 / G12 / G13 / G14)

GeoJSON per RFC 7946 (WGS 84 lon/lat, counter-clockwise exterior rings, 7 decimals, UTF-8).
Python 3 standard library only. Deterministic: the same seed always writes byte-identical files.
Every polygon is checked (closed, >= 4 positions, counter-clockwise, no self-intersection) and
unintended overlaps are looked for; if any check fails nothing is written and the exit status is 1.

Run from the repository root:

    python3 tools/make_sample_city.py [--out DIR] [--seed N]

--out defaults to the geodata folder beside tools/, --seed to 2016.
"""
import argparse
import json
import math
import os
import random
import sys

LON0, LAT0 = 103.80, 25.50

# WGS 84 radii of curvature at LAT0, so that areas measured later in a Gauss-Kruger CRS come out
# within a fraction of a per mille of the areas planned here.
_A, _E2 = 6378137.0, 6.69437999014e-3
_S = math.sin(math.radians(LAT0))
_N = _A / math.sqrt(1 - _E2 * _S * _S)
_M = _A * (1 - _E2) / (1 - _E2 * _S * _S) ** 1.5
M_PER_DEG_LON = math.radians(1) * _N * math.cos(math.radians(LAT0))
M_PER_DEG_LAT = math.radians(1) * _M

# The coverage rule's park-size thresholds (m²). Generated parks keep clear of them so that a
# park's class of service does not hinge on the projection used to measure it.
THRESHOLDS = (2000.0, 5000.0)

# Built-up areas: centre (m east, m north of LON0/LAT0), semi-axes (m), street-grid rotation
# (degrees), population, admin code. 沾益 lies about 11 km north of 麒麟, as it does in reality.
AREAS = [
    ("麒麟中心城区", (0.0, 0.0), (4000.0, 3000.0), 14.0, 600000, "530302"),
    ("沾益城区", (1800.0, 11800.0), (1800.0, 1500.0), -8.0, 140000, "530303"),
    ("西城片区", (-7700.0, 900.0), (1450.0, 1750.0), 31.0, 90000, "530302"),
    ("南城片区", (900.0, -6400.0), (1700.0, 1300.0), 3.0, 70000, "530302"),
]

N_OVERLAP_PAIRS = 5
FRINGE_M = 250.0  # housing spills this far past a built-up boundary


# ---------------------------------------------------------------- plane geometry helpers

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


# ---------------------------------------------------------------- shapes

def blob(rng, n_min=8, n_max=16):
    """A star-convex unit blob (max radius 1) as an open counter-clockwise ring.

    Vertices at strictly increasing angles around the origin, with gaps well under pi, can never
    self-intersect; an affine stretch afterwards keeps that true.
    """
    n = rng.randint(n_min, n_max)
    harmonics = [(k, rng.uniform(0.0, 0.12), rng.uniform(0.0, 2 * math.pi)) for k in (2, 3, 4)]
    pts = []
    for i in range(n):
        t = 2 * math.pi * (i + rng.uniform(-0.3, 0.3)) / n
        r = 1.0 + sum(a * math.cos(k * t + ph) for k, a, ph in harmonics) + rng.uniform(-0.06, 0.06)
        pts.append((r * math.cos(t), r * math.sin(t)))
    rmax = max(math.hypot(x, y) for x, y in pts)
    return [(x / rmax, y / rmax) for x, y in pts]


def fit_blob(rng, rect, target, margin=3.0, min_area=300.0):
    """A blob inside rect (u0, v0, u1, v1) with about `target` m², or as large as fits;
    None if not even min_area fits."""
    u0, v0, u1, v1 = rect
    a = (u1 - u0) / 2 - margin
    b = (v1 - v0) / 2 - margin
    unit = blob(rng)
    full = signed_area(unit) * a * b
    if full < min_area:
        return None
    s = min(1.0, math.sqrt(target / full))
    area = full * s * s
    for t in THRESHOLDS:
        if 0.97 * t <= area <= 1.03 * t:
            s *= math.sqrt(0.96 * t / area)
    # Smaller than the cell's ellipse: wander off-centre by up to the room that is left.
    cu = (u0 + u1) / 2 + rng.uniform(-1, 1) * (1 - s) * a
    cv = (v0 + v1) / 2 + rng.uniform(-1, 1) * (1 - s) * b
    return [(cu + x * s * a, cv + y * s * b) for x, y in unit]


def block_ring(rng, rect):
    """A residential block filling rect, its corners nudged inward so it never leaves rect."""
    u0, v0, u1, v1 = rect
    j = lambda: rng.uniform(0.0, 5.0)
    sw, se, ne, nw = (u0 + j(), v0 + j()), (u1 - j(), v0 + j()), (u1 - j(), v1 - j()), (u0 + j(), v1 - j())
    kind = rng.random()
    if kind < 0.18:
        # A cut corner, as where a block meets a diagonal lane.
        c = rng.uniform(15.0, 0.3 * min(u1 - u0, v1 - v0))
        return [sw, se, (ne[0], ne[1] - c), (ne[0] - c, ne[1]), nw]
    if kind < 0.28:
        # An L: one corner lot belongs to something else.
        cu = rng.uniform(0.25, 0.45) * (u1 - u0)
        cv = rng.uniform(0.25, 0.45) * (v1 - v0)
        return [sw, (se[0] - cu, se[1]), (se[0] - cu, se[1] + cv), (se[0], se[1] + cv), ne, nw]
    return [sw, se, ne, nw]


def overlap_ring(rng, rect):
    """A second survey's outline of part of the block in rect: it covers 40-70 % of the block and
    pokes a few metres into the street (never across it)."""
    u0, v0, u1, v1 = rect
    f = rng.uniform(0.3, 0.6)
    d = rng.uniform(3.0, 7.0)
    e1, e2 = rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0)
    side = rng.randrange(4)
    if side == 0:  # east part
        um = u0 + f * (u1 - u0)
        ring = [(um, v0 - e1), (u1 + d, v0 - e1 + rng.uniform(-2, 2)), (u1 + d, v1 + e2), (um + rng.uniform(-3, 3), v1 + e2)]
    elif side == 1:  # west part
        um = u1 - f * (u1 - u0)
        ring = [(u0 - d, v0 - e1), (um, v0 - e1), (um + rng.uniform(-3, 3), v1 + e2), (u0 - d, v1 + e2 + rng.uniform(-2, 2))]
    elif side == 2:  # north part
        vm = v0 + f * (v1 - v0)
        ring = [(u0 - e1, vm), (u1 + e2, vm + rng.uniform(-3, 3)), (u1 + e2, v1 + d), (u0 - e1 + rng.uniform(-2, 2), v1 + d)]
    else:  # south part
        vm = v1 - f * (v1 - v0)
        ring = [(u0 - e1, v0 - d), (u1 + e2, v0 - d), (u1 + e2, vm), (u0 - e1, vm + rng.uniform(-3, 3))]
    return ring


def area_outline(rng, centre, axes, n=56):
    """An irregular built-up boundary: a lobed, star-convex ring stretched to the given semi-axes."""
    harmonics = [(k, rng.uniform(0.03, 0.09) / (k ** 0.5), rng.uniform(0, 2 * math.pi)) for k in (2, 3, 5, 7)]
    pts = []
    for i in range(n):
        t = 2 * math.pi * (i + rng.uniform(-0.25, 0.25)) / n
        r = 1.0 + sum(a * math.cos(k * t + ph) for k, a, ph in harmonics) + rng.uniform(-0.02, 0.02)
        pts.append((centre[0] + axes[0] * r * math.cos(t), centre[1] + axes[1] * r * math.sin(t)))
    return pts


# ---------------------------------------------------------------- the street grid of one area

def strips(rng, lo, hi):
    """Block extents along one axis: blocks of 80-220 m between streets of 15-40 m, with an
    arterial road every few blocks."""
    out, pos, next_arterial = [], lo, rng.randint(4, 6)
    while pos < hi:
        size = rng.triangular(80.0, 220.0, 95.0)
        out.append((pos, pos + size))
        next_arterial -= 1
        if next_arterial == 0:
            street, next_arterial = rng.uniform(30.0, 40.0), rng.randint(4, 6)
        else:
            street = rng.uniform(15.0, 24.0)
        pos += size + street
    return out


class Grid:
    """Street grid of one area in its own frame (u, v), bent by a gentle warp so the streets curve.

    The warp shifts points by at most ~50 m over wavelengths of ~1 km: straight block edges sag
    from the bent streets by under a metre, far less than any street is wide.
    """

    def __init__(self, rng, centre, angle_deg, outline):
        self.cx, self.cy = centre
        self.ca, self.sa = math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))
        self.wa, self.wb = rng.uniform(20.0, 50.0), rng.uniform(20.0, 50.0)
        self.wl1, self.wl2 = rng.uniform(700.0, 1200.0), rng.uniform(700.0, 1200.0)
        self.wp1, self.wp2 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
        local = [self.to_local(p) for p in outline]
        pad = FRINGE_M + 300.0
        self.cols = strips(rng, min(u for u, _ in local) - pad, max(u for u, _ in local) + pad)
        self.rows = strips(rng, min(v for _, v in local) - pad, max(v for _, v in local) + pad)

    def to_local(self, p):
        x, y = p[0] - self.cx, p[1] - self.cy
        return (x * self.ca + y * self.sa, -x * self.sa + y * self.ca)

    def to_world(self, p):
        u, v = p
        u, v = (u + self.wa * math.sin(v / self.wl1 + self.wp1), v + self.wb * math.sin(u / self.wl2 + self.wp2))
        return (self.cx + u * self.ca - v * self.sa, self.cy + u * self.sa + v * self.ca)

    def rect(self, i0, j0, i1=None, j1=None):
        i1 = i0 if i1 is None else i1
        j1 = j0 if j1 is None else j1
        return (self.cols[i0][0], self.rows[j0][0], self.cols[i1][1], self.rows[j1][1])


def rect_centre(r):
    return ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)


def park_field(rng):
    """A smooth 0..1 field over the city: where it is low, parks are scarce (underserved quarters)."""
    p1, p2, p3 = (rng.uniform(0, 2 * math.pi) for _ in range(3))
    return lambda x, y: (0.5 + 0.5 * math.sin(x / 1900.0 + p1) * math.cos(y / 1500.0 + p2)
                         * (0.7 + 0.3 * math.sin((x + y) / 2600.0 + p3)))


# ---------------------------------------------------------------- the city

def build_city(seed):
    rng = random.Random(seed)
    field = park_field(rng)

    built = []
    for name, centre, axes, angle, pop, district in AREAS:
        outline = area_outline(rng, centre, axes)
        built.append({"name": name, "population": pop, "district": district, "ring": outline,
                      "centre": centre, "angle": angle})

    residential = []  # dicts: ring (world m), weight, area index
    parks = []        # dicts: ring (world m)
    overlap_candidates = []

    for ai, area in enumerate(built):
        grid = Grid(rng, area["centre"], area["angle"], area["ring"])
        nc, nr = len(grid.cols), len(grid.rows)
        status = {}
        for i in range(nc):
            for j in range(nr):
                c = grid.to_world(rect_centre(grid.rect(i, j)))
                if point_in_ring(c, area["ring"]):
                    status[i, j] = "in"
                elif dist_to_ring(c, area["ring"]) <= FRINGE_M:
                    status[i, j] = "fringe"

        # Large parks claim a run of whole blocks, swallowing the streets between them.
        n_large = 3 if ai == 0 else (1 if ai == 1 else 0)
        claimed = set()
        tries = 0
        while n_large and tries < 500:
            tries += 1
            target = rng.uniform(110000.0, 380000.0)
            i0, j0 = rng.randrange(nc), rng.randrange(nr)
            i1, j1 = i0, j0
            while True:
                r = grid.rect(i0, j0, i1, j1)
                # A blob fills a little over half of its rectangle.
                if 0.5 * (r[2] - r[0]) * (r[3] - r[1]) >= target or i1 + 1 >= nc or j1 + 1 >= nr:
                    break
                if (r[2] - r[0]) < (r[3] - r[1]):
                    i1 += 1
                else:
                    j1 += 1
            cells = [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]
            ring_cells = [(i, j) for i in range(i0 - 1, i1 + 2) for j in range(j0 - 1, j1 + 2)]
            if any(status.get(c) != "in" for c in cells) or any(c in claimed for c in ring_cells):
                continue
            claimed.update(cells)
            parks.append({"ring": [grid.to_world(p) for p in fit_blob(rng, grid.rect(i0, j0, i1, j1), target)]})
            n_large -= 1

        # Two-by-two runs for a few mid-sized (1-5 ha) parks.
        n_mid = {0: 6, 1: 2}.get(ai, 1)
        tries = 0
        while n_mid and tries < 500:
            tries += 1
            i0, j0 = rng.randrange(nc - 1), rng.randrange(nr - 1)
            cells = [(i0, j0), (i0 + 1, j0), (i0, j0 + 1), (i0 + 1, j0 + 1)]
            if any(status.get(c) != "in" or c in claimed for c in cells):
                continue
            if field(*grid.to_world(rect_centre(grid.rect(i0, j0)))) < 0.3:
                continue
            claimed.update(cells)
            parks.append({"ring": [grid.to_world(p) for p in fit_blob(rng, grid.rect(i0, j0, i0 + 1, j0 + 1),
                                                                       rng.uniform(12000.0, 48000.0))]})
            n_mid -= 1

        for i in range(nc):
            for j in range(nr):
                st = status.get((i, j))
                if st is None or (i, j) in claimed:
                    continue
                r = grid.rect(i, j)
                c = grid.to_world(rect_centre(r))
                roll = rng.random()
                if st == "in":
                    p_park, p_home = 0.02 + 0.17 * field(*c) ** 2, 0.74
                else:
                    p_park, p_home = 0.05, 0.34
                if roll < p_park:
                    for ring in park_cell(rng, r):
                        parks.append({"ring": [grid.to_world(p) for p in ring]})
                elif roll < p_park + p_home:
                    # Fringe housing (villages, low-rise) is thinner than in town.
                    density = rng.uniform(0.7, 1.3) * (1.0 if st == "in" else 0.45)
                    for sub in split_block(rng, r):
                        shape = block_ring(rng, sub)
                        residential.append({"ring": [grid.to_world(p) for p in shape], "weight": density,
                                            "area": ai})
                        if len(shape) == 4 and sub == r and st == "in":
                            overlap_candidates.append((grid, sub, len(residential) - 1))
                elif rng.random() < 0.15:
                    # A roadside garden beside a school or market.
                    ring = fit_blob(rng, corner_rect(rng, r), rng.uniform(300.0, 1500.0))
                    if ring:
                        parks.append({"ring": [grid.to_world(p) for p in ring]})

    # Population: shared out over each area's blocks in proportion to area x density.
    for ai, area in enumerate(built):
        mine = [b for b in residential if b["area"] == ai]
        total = sum(signed_area(b["ring"]) * b["weight"] for b in mine)
        for b in mine:
            b["population"] = max(20, int(round(area["population"] * signed_area(b["ring"]) * b["weight"] / total)))

    # The disagreeing second survey: a few blocks outlined again, partly and a little offset.
    extra = []
    chosen = rng.sample(range(len(overlap_candidates)), N_OVERLAP_PAIRS)
    for k in sorted(chosen):
        grid, sub, idx = overlap_candidates[k]
        ring = [grid.to_world(p) for p in overlap_ring(rng, sub)]
        orig = residential[idx]
        pop = int(round(orig["population"] * signed_area(ring) / signed_area(orig["ring"]) * rng.uniform(0.8, 1.2)))
        extra.append({"ring": ring, "population": pop})
    residential.extend(extra)

    # A few large parks outside any built-up area (mountain and wetland parks on the city's edge).
    n_out, tries = 3, 0
    while n_out and tries < 2000:
        tries += 1
        x, y = rng.uniform(-11000, 9000), rng.uniform(-9500, 15000)
        if any(point_in_ring((x, y), a["ring"]) or dist_to_ring((x, y), a["ring"]) < 1500 for a in built):
            continue
        unit = blob(rng)
        s = math.sqrt(rng.uniform(120000.0, 350000.0) / signed_area(unit))
        ring = [(x + u * s, y + v * s) for u, v in unit]
        if overlapping_pairs([ring], [b["ring"] for b in residential] + [p["ring"] for p in parks]):
            continue
        parks.append({"ring": ring})
        n_out -= 1

    return built, residential, parks


def split_block(rng, r):
    """Big blocks are often two estates with a lane between them."""
    u0, v0, u1, v1 = r
    lane = rng.uniform(15.0, 20.0)
    if u1 - u0 >= 2 * 80 + lane and rng.random() < 0.8:
        m = rng.uniform(u0 + 80, u1 - 80 - lane)
        return [(u0, v0, m, v1), (m + lane, v0, u1, v1)]
    if v1 - v0 >= 2 * 80 + lane and rng.random() < 0.8:
        m = rng.uniform(v0 + 80, v1 - 80 - lane)
        return [(u0, v0, u1, m), (u0, m + lane, u1, v1)]
    return [r]


def corner_rect(rng, r):
    u0, v0, u1, v1 = r
    w, h = min(60.0, (u1 - u0) / 2), min(60.0, (v1 - v0) / 2)
    cu, cv = rng.choice([(u0, v0), (u1 - w, v0), (u1 - w, v1 - h), (u0, v1 - h)])
    return (cu, cv, cu + w, cv + h)


def park_cell(rng, r):
    """The park(s) of one street block that holds no housing."""
    return [ring for ring in _park_cell(rng, r) if ring]


def _park_cell(rng, r):
    u0, v0, u1, v1 = r
    roll = rng.random()
    if roll < 0.25:
        # Pocket parks: up to four small gardens in the block's quarters.
        um, vm = (u0 + u1) / 2, (v0 + v1) / 2
        quarters = [(u0, v0, um - 5, vm - 5), (um + 5, v0, u1, vm - 5), (um + 5, vm + 5, u1, v1), (u0, vm + 5, um - 5, v1)]
        picked = [q for q in quarters if rng.random() < 0.45] or [rng.choice(quarters)]
        return [fit_blob(rng, q, rng.uniform(300.0, 2000.0)) for q in picked]
    if roll < 0.67:
        return [fit_blob(rng, r, rng.uniform(2000.0, 5000.0))]
    # Log-uniform, so 0.5-1 ha gardens are commoner than 3-4 ha ones.
    return [fit_blob(rng, r, math.exp(rng.uniform(math.log(5000.0), math.log(40000.0))))]


def park_class(rng, area):
    if area >= 100000:
        return "G11"
    if area >= 10000:
        return "G13" if rng.random() < 0.15 else "G12"
    if area >= 5000:
        roll = rng.random()
        return "G12" if roll < 0.55 else ("G13" if roll < 0.65 else "G14")
    return "G13" if rng.random() < 0.05 else "G14"


# ---------------------------------------------------------------- output

def to_lonlat(p):
    return [round(LON0 + p[0] / M_PER_DEG_LON, 7), round(LAT0 + p[1] / M_PER_DEG_LAT, 7)]


def from_lonlat(q):
    return ((q[0] - LON0) * M_PER_DEG_LON, (q[1] - LAT0) * M_PER_DEG_LAT)


def feature(props, ring_m):
    coords = [to_lonlat(p) for p in ring_m]
    coords.append(list(coords[0]))
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [coords]}}


def dumps_collection(features):
    # One feature per line: small diffs when the generator changes, still plain RFC 7946 JSON.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def check(collections, n_pairs):
    """Validate what is about to be written, from the rounded coordinates. Returns problem lines."""
    problems = []
    rings = {}
    for name, feats in collections.items():
        rings[name] = []
        for k, f in enumerate(feats):
            g = f["geometry"]
            if g["type"] != "Polygon" or len(g["coordinates"]) != 1:
                problems.append(f"{name}[{k}]: expected a one-ring Polygon")
                continue
            pos = g["coordinates"][0]
            if len(pos) < 4 or pos[0] != pos[-1]:
                problems.append(f"{name}[{k}]: ring not closed or under 4 positions")
                continue
            ring = [from_lonlat(q) for q in pos[:-1]]
            for why in ring_problems(ring):
                problems.append(f"{name}[{k}] {f['properties']['name']}: {why}")
            rings[name].append(ring)
    if problems:
        return problems

    if overlapping_pairs(rings["built_up"]):
        problems.append("built-up areas overlap each other")
    res_pairs = overlapping_pairs(rings["residential"])
    if len(res_pairs) != n_pairs or len({i for p in res_pairs for i in p}) != 2 * n_pairs:
        problems.append(f"expected {n_pairs} disjoint overlapping residential pairs, found {res_pairs}")
    if overlapping_pairs(rings["parks"]):
        problems.append("parks overlap each other")
    if overlapping_pairs(rings["parks"], rings["residential"]):
        problems.append("parks overlap residential blocks")

    straddling = sum(1 for r in rings["residential"] for b in rings["built_up"]
                     if 0 < sum(point_in_ring(p, b) for p in r) < len(r))
    if straddling == 0:
        problems.append("no residential block straddles a built-up boundary")

    areas = [signed_area(r) for r in rings["parks"]]
    bands = [(300, 2000), (2000, 5000), (5000, 50000), (100000, 400000)]
    counts = [sum(lo <= a < hi for a in areas) for lo, hi in bands]
    if min(areas) < 300 or max(areas) > 400000 or min(counts) < 3:
        problems.append(f"park sizes off: min {min(areas):.0f}, max {max(areas):.0f}, per band {counts}")
    if not 300 <= len(rings["parks"]) <= 500:
        problems.append(f"{len(rings['parks'])} parks, expected 300-500")
    if not 2000 <= len(rings["residential"]) <= 4000:
        problems.append(f"{len(rings['residential'])} residential blocks, expected 2000-4000")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(here), "geodata"), help="output folder")
    ap.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    args = ap.parse_args()

    built, residential, parks = build_city(args.seed)
    # Class drawn from its own stream, so tweaking it does not reshuffle the geometry.
    crng = random.Random(args.seed + 1)
    collections = {
        "built_up": [feature({"name": a["name"], "population": a["population"], "district": a["district"]}, a["ring"])
                     for a in built],
        "residential": [feature({"name": f"居住区{k + 1}", "population": b["population"]}, b["ring"])
                        for k, b in enumerate(residential)],
        "parks": [feature({"name": f"公园{k + 1}", "class": park_class(crng, signed_area(p["ring"]))}, p["ring"])
                  for k, p in enumerate(parks)],
    }

    problems = check(collections, N_OVERLAP_PAIRS)
    if problems:
        for line in problems[:50]:
            print("check failed:", line, file=sys.stderr)
        sys.exit(1)

    os.makedirs(args.out, exist_ok=True)
    for name, feats in collections.items():
        path = os.path.join(args.out, name + ".geojson")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps_collection(feats))
        print(f"{path}: {len(feats)} features, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
