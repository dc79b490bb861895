#!/usr/bin/env python3
"""Generate the small synthetic sample city in geodata/.

A plausible but invented layer set around Qujing's central city (about 103.80 E, 25.50 N):

  built_up.geojson     4 built-up areas (建成区): 麒麟中心城区 (about 8 x 6 km) and three
                       smaller towns / clusters; fields name, population, district, central_city
                       (1 for 麒麟中心城区, else 0), historic_share (share of the area in historic
                       districts, 0-1; 西城片区 is over half) and boundary_year (2016)
  residential.geojson  residential blocks (居住用地) on a jittered street grid in and just around
                       the built-up areas, including a few deliberately overlapping pairs (two
                       survey batches that disagree); fields name, population
  parks.geojson        parks (公园绿地) from pocket parks to 40 ha, mostly in street blocks that
                       hold no housing; fields name, class (G11 / G12 / G13 / G14), opened (the
                       date the park opened, "YYYY-MM-DD", 2008-2022: most before 2016, some every
                       year 2016-2020; null for a few whose date is unknown)
  green_spaces.geojson other urban green land, not parks: G2 防护绿地 (strips 15-40 m wide along
                       streets and belts outside the built-up boundaries), G3 广场用地 (squares of
                       0.3-2 ha), XG 附属绿地 (the gardens of housing estates, lying inside their
                       residential blocks, and of schools and offices) and EG 区域绿地 (5-50 ha,
                       outside the built-up areas); fields name, class, subclass (text or null),
                       counts_toward_ratio (1 for G2, G3, XG; 0 for EG). None overlaps a park but
                       five that overlap one by part of their area (two surveys that disagree)
  canopy.geojson       vegetation cover (绿化覆盖): lawn, shrubs and trees over 60-90 % of every
                       park and green space, tree crowns that overlap that cover and each other,
                       roof gardens on some housing blocks, street-tree rows; field kind
                       (乔木 / 灌木 / 草地 / 屋顶绿化)
  old_factories.geojson 旧厂区 in street blocks that hold no housing, park or green land (4 of them
                       on the fringe just outside a built-up boundary): 24
                       ordinary sites (2,600-26,000 m², one of 1,200 m², too small for a park
                       that counts), one drawn over the corner of a park, one 2 km outside every
                       built-up area, one surveyed only as a point with its 厂区总面积; fields code,
                       name, district, regulatory_plan, site_area_m2, category (用地变更类 /
                       拆旧建新类 / 改造提升类), surveyed
  urban_villages.geojson 城中村 in such blocks (3 on the fringe): 10 outlines and one point without one; fields
                       code, name, district, households, plan_year

  old_residential.geojson, old_factories_2018.geojson, urban_villages_2018.geojson
                       the programmes' progress at the end of 2018 (sample_city/progress.py,
                       from seed + 6): new files, so that every file above stays as it was

GeoJSON per RFC 7946 (WGS 84 lon/lat, counter-clockwise exterior rings, 7 decimals, UTF-8).
Python 3 standard library only. Deterministic: the same seed always writes byte-identical files.
The city's geometry comes from one random stream; park classes, opening dates, green spaces and
canopy each from a stream of their own (seed + 1 ... seed + 4), so adding to one of them leaves the
rest, and the parks' and residential blocks' coordinates, as they were; the old factories and
urban villages come last, from seed + 5, so that adding them changed no other file.
Every polygon is checked (closed, >= 4 positions, counter-clockwise, no self-intersection), and
overlaps are looked for: only the intended ones may be there (the residential pairs, the five
green spaces over parks, estate gardens in their blocks, canopy polygons over one park or green
space); each canopy polygon must lie inside what it covers, and street trees clear of blocks,
parks and green spaces. If any check fails nothing is written and the exit status is 1.

Run from the repository root:

    python3 tools/make_sample_city.py [--out DIR] [--seed N]

--out defaults to the geodata folder beside tools/, --seed to 2016.
"""
import argparse
import datetime
import json
import math
import os
import random
import sys

from sample_city import progress

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
# (degrees), population, admin code, central city (1/0), share of historic districts (历史文化街区).
# 沾益 lies about 11 km north of 麒麟, as it does in reality. 西城片区 is mostly old town, so the
# rule for built-up areas whose historic districts exceed half their area has a case to act on.
AREAS = [
    ("麒麟中心城区", (0.0, 0.0), (4000.0, 3000.0), 14.0, 600000, "530302", 1, 0.05),
    ("沾益城区", (1800.0, 11800.0), (1800.0, 1500.0), -8.0, 140000, "530303", 0, 0.08),
    ("西城片区", (-7700.0, 900.0), (1450.0, 1750.0), 31.0, 90000, "530302", 0, 0.55),
    ("南城片区", (900.0, -6400.0), (1700.0, 1300.0), 3.0, 70000, "530302", 0, 0.02),
]
BOUNDARY_YEAR = 2016  # the year the built-up boundaries were drawn

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
    for name, centre, axes, angle, pop, district, central, historic in AREAS:
        outline = area_outline(rng, centre, axes)
        built.append({"name": name, "population": pop, "district": district, "ring": outline,
                      "centre": centre, "angle": angle, "central_city": central, "historic_share": historic})

    residential = []  # dicts: ring (world m), weight, area index
    parks = []        # dicts: ring (world m)
    overlap_candidates = []

    for ai, area in enumerate(built):
        grid = Grid(rng, area["centre"], area["angle"], area["ring"])
        nc, nr = len(grid.cols), len(grid.rows)
        # Kept for the green spaces and canopy made later (these draw nothing from rng here).
        area["grid"], area["empty"] = grid, []
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
            parks.append({"ring": [grid.to_world(p) for p in fit_blob(rng, grid.rect(i0, j0, i1, j1), target)],
                          "grid": grid, "rect": grid.rect(i0, j0, i1, j1)})
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
                                                                       rng.uniform(12000.0, 48000.0))],
                          "grid": grid, "rect": grid.rect(i0, j0, i0 + 1, j0 + 1)})
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
                        parks.append({"ring": [grid.to_world(p) for p in ring], "grid": grid, "rect": r})
                elif roll < p_park + p_home:
                    # Fringe housing (villages, low-rise) is thinner than in town.
                    density = rng.uniform(0.7, 1.3) * (1.0 if st == "in" else 0.45)
                    for sub in split_block(rng, r):
                        shape = block_ring(rng, sub)
                        residential.append({"ring": [grid.to_world(p) for p in shape], "weight": density,
                                            "area": ai, "grid": grid, "rect": sub, "plain": len(shape) == 4})
                        if len(shape) == 4 and sub == r and st == "in":
                            overlap_candidates.append((grid, sub, len(residential) - 1))
                else:
                    # Neither park nor housing (schools, markets, offices): kept for the other green land.
                    area["empty"].append((r, st))
                    if rng.random() < 0.15:
                        # A roadside garden beside a school or market.
                        ring = fit_blob(rng, corner_rect(rng, r), rng.uniform(300.0, 1500.0))
                        if ring:
                            parks.append({"ring": [grid.to_world(p) for p in ring], "grid": grid,
                                          "rect": r})

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
        orig["resurveyed"] = True
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


# ---------------------------------------------------------------- park opening dates

def opened_date(rng):
    """When a park opened: mostly 2008-2015, a steady trickle 2016-2020, a few since; 3 % unknown."""
    roll = rng.random()
    if roll < 0.03:
        return None
    first, last = (2008, 2015) if roll < 0.69 else ((2016, 2020) if roll < 0.95 else (2021, 2022))
    day = rng.randint(datetime.date(first, 1, 1).toordinal(), datetime.date(last, 12, 31).toordinal())
    return datetime.date.fromordinal(day).isoformat()


# ---------------------------------------------------------------- other green land and canopy

N_PARK_DISAGREEMENTS = 5  # green spaces that overlap a park by part of their area (two surveys)
# Targets: G2 strips in empty street blocks, G2 belt pieces round the central city and each town,
# G3 squares, XG gardens of schools and offices, XG gardens of housing estates, EG areas.
G2_STREET, G2_BELT_CENTRE, G2_BELT_TOWN, G3_SQUARES, XG_PUBLIC, XG_HOUSING, EG_AREAS = 45, 6, 4, 34, 12, 80, 16
EG_SUBCLASSES = ["风景游憩绿地", "生态保育绿地", "区域设施防护绿地", "生产绿地"]
CLASS_ORDER = ["G2", "G3", "XG", "EG"]
CLASS_NAMES = {"G2": "防护绿地", "G3": "广场", "XG": "附属绿地", "EG": "区域绿地"}


def snap(ring):
    """The ring as it will be read back from the file (7 decimals), so checks made while
    generating see the same coordinates as the final self-check."""
    return [from_lonlat(to_lonlat(p)) for p in ring]


def lerp(a, b, f):
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)


def ring_inside(inner, outer):
    """Whether simple ring `inner` lies in the interior of simple ring `outer`."""
    if not all(point_in_ring(p, outer) for p in inner):
        return False
    for i in range(len(inner)):
        a, b = inner[i], inner[(i + 1) % len(inner)]
        for j in range(len(outer)):
            if segments_touch(a, b, outer[j], outer[(j + 1) % len(outer)]):
                return False
    return True


def share_inside(ring, other, n=30):
    """About what share of ring's area lies inside other (counted on an n x n lattice)."""
    x0, y0, x1, y1 = bbox(ring)
    pts = [(x0 + (x1 - x0) * (i + 0.5) / n, y0 + (y1 - y0) * (j + 0.5) / n) for i in range(n) for j in range(n)]
    mine = [p for p in pts if point_in_ring(p, ring)]
    return sum(point_in_ring(p, other) for p in mine) / len(mine)


def centroid(ring):
    a, cx, cy = signed_area(ring), 0.0, 0.0
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % len(ring)]
        cr = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cr
        cy += (y1 + y2) * cr
    return (cx / (6 * a), cy / (6 * a))


def star_centre(ring):
    """The centroid if the ring's vertices go round it at strictly increasing angles (so the ring
    is star-shaped from it and every copy shrunk towards it lies inside), else None."""
    c = centroid(ring)
    angles = [math.atan2(p[1] - c[1], p[0] - c[0]) for p in ring]
    total = 0.0
    for i in range(len(ring)):
        d = (angles[(i + 1) % len(ring)] - angles[i]) % (2 * math.pi)
        if not 0 < d < math.pi:
            return None
        total += d
    return c if abs(total - 2 * math.pi) < 1e-6 else None


class RingIndex:
    """Rings on a coarse grid, to ask which of them a new ring overlaps."""

    def __init__(self, cell=400.0):
        self.cell, self.grid, self.items = cell, {}, []

    def _cells(self, box):
        c = self.cell
        for gx in range(int(math.floor(box[0] / c)), int(math.floor(box[2] / c)) + 1):
            for gy in range(int(math.floor(box[1] / c)), int(math.floor(box[3] / c)) + 1):
                yield gx, gy

    @classmethod
    def of_land(cls, parks, residential, greens):
        """The parks, residential blocks and green spaces already placed, tagged by kind and index."""
        index = cls()
        for k, p in enumerate(parks):
            index.add(snap(p["ring"]), ("park", k))
        for k, b in enumerate(residential):
            index.add(snap(b["ring"]), ("res", k))
        for k, g in enumerate(greens):
            index.add(g["ring"], ("green", k))
        return index

    def add(self, ring, tag):
        box = bbox(ring)
        self.items.append((ring, box, tag))
        for key in self._cells(box):
            self.grid.setdefault(key, []).append(len(self.items) - 1)

    def hits(self, ring):
        box = bbox(ring)
        seen = set()
        for key in self._cells(box):
            seen.update(self.grid.get(key, ()))
        out = []
        for k in sorted(seen):
            r, b, tag = self.items[k]
            if b[0] > box[2] or b[2] < box[0] or b[1] > box[3] or b[3] < box[1]:
                continue
            if rings_overlap(ring, r):
                out.append(tag)
        return out


def strip_point(A, B, t, sigma):
    """A point of the strip between polylines A and B: t runs along them (vertex index, may be
    fractional), sigma across (0 on A, 1 on B). Bilinear in each quad, so it never leaves it."""
    i = min(int(math.floor(t)), len(A) - 2)
    f = t - i
    return lerp(lerp(A[i], A[i + 1], f), lerp(B[i], B[i + 1], f), sigma)


def strip_ring(A, B, t0=None, t1=None, s0=0.0, s1=1.0):
    t0 = 0.0 if t0 is None else t0
    t1 = float(len(A) - 1) if t1 is None else t1
    ts = [t0] + [float(k) for k in range(int(math.ceil(t0)), int(math.floor(t1)) + 1) if t0 < k < t1] + [t1]
    ring = [strip_point(A, B, t, s0) for t in ts] + [strip_point(A, B, t, s1) for t in reversed(ts)]
    if signed_area(ring) < 0:
        ring.reverse()
    return snap(ring)


def side_local(rect, side, t, s):
    """A point of a street block's side in its grid frame: t metres along the side, s metres in
    from it (negative: out into the street)."""
    u0, v0, u1, v1 = rect
    return [(u0 + t, v0 + s), (u0 + t, v1 - s), (u0 + s, v0 + t), (u1 - s, v0 + t)][side]


def side_length(rect, side):
    return rect[2] - rect[0] if side < 2 else rect[3] - rect[1]


def side_strip(grid, rect, side, t0, t1, s0, s1, step=50.0):
    """Polylines A (s0) and B (s1) of a strip along one side of a street block, in world metres."""
    n = max(1, int(math.ceil((t1 - t0) / step)))
    ts = [t0 + (t1 - t0) * k / n for k in range(n + 1)]
    A = [grid.to_world(side_local(rect, side, t, s0)) for t in ts]
    B = [grid.to_world(side_local(rect, side, t, s1)) for t in ts]
    return A, B


def local_ring(grid, ring):
    return snap([grid.to_world(p) for p in ring])


def build_green_spaces(seed, built, residential, parks):
    """Other urban green land: G2 strips, G3 squares, XG green inside blocks, EG outside town.

    Returns the green spaces in file order, as dicts: ring, class, subclass, park (the index of the
    park it deliberately overlaps, or None), block (the residential block an estate garden lies in,
    or None) and, for strips, the polylines A and B along their two long sides."""
    rng = random.Random(seed)
    index = RingIndex()
    for k, p in enumerate(parks):
        index.add(snap(p["ring"]), ("park", k))
    for k, b in enumerate(residential):
        index.add(snap(b["ring"]), ("res", k))
    greens = []

    def add(g):
        g.setdefault("park", None)
        g.setdefault("block", None)
        greens.append(g)
        index.add(g["ring"], ("green", len(greens) - 1))

    # G2: protective belts about 450 m outside the built-up boundaries (beyond the fringe housing),
    # in pieces of a few boundary edges, as along a ring road.
    for area in built:
        o = area["ring"]
        n = len(o)
        normals = []
        for i in range(n):
            nv = [0.0, 0.0]
            for a, b in ((o[i - 1], o[i]), (o[i], o[(i + 1) % n])):
                ln = math.hypot(b[0] - a[0], b[1] - a[1])
                nv[0] += (b[1] - a[1]) / ln
                nv[1] -= (b[0] - a[0]) / ln
            ln = math.hypot(nv[0], nv[1])
            normals.append((nv[0] / ln, nv[1] / ln))
        i = rng.randrange(n)
        stop = i + n
        quota = G2_BELT_CENTRE if area["central_city"] else G2_BELT_TOWN
        while i < stop - 3 and quota:
            k = rng.randint(2, 5)
            if i + k < stop and rng.random() < 0.6:
                d, w = rng.uniform(430.0, 520.0), rng.uniform(15.0, 40.0)
                idx = [(i + m) % n for m in range(k + 1)]
                A = [(o[j][0] + d * normals[j][0], o[j][1] + d * normals[j][1]) for j in idx]
                B = [(o[j][0] + (d + w) * normals[j][0], o[j][1] + (d + w) * normals[j][1]) for j in idx]
                ring = strip_ring(A, B)
                if not ring_problems(ring) and not index.hits(ring):
                    add({"ring": ring, "class": "G2", "subclass": None, "A": A, "B": B})
                    quota -= 1
            i += k + rng.randint(2, 8)

    # Street blocks that hold neither park nor housing: some get a G2 strip along a street, a G3
    # square, or the green of a school or office (XG).
    empty = [(area["grid"], r, st) for area in built for r, st in area["empty"]]
    rng.shuffle(empty)
    want = {"G2": G2_STREET, "G3": G3_SQUARES, "XG": XG_PUBLIC}
    for grid, r, st in empty:
        roll = rng.random()
        kind = "G2" if roll < 0.4 else ("G3" if roll < 0.75 else ("XG" if roll < 0.9 else None))
        if kind is None or not want[kind] or (kind == "G3" and st != "in"):
            continue
        for _ in range(4):
            if kind == "G2":
                side = rng.randrange(4)
                across = side_length(r, 2 if side < 2 else 0)
                w = min(rng.uniform(15.0, 40.0), 0.4 * across)
                if w < 15.0:
                    continue
                A, B = side_strip(grid, r, side, 2.0, side_length(r, side) - 2.0, 2.0, 2.0 + w)
                g = {"ring": strip_ring(A, B), "class": "G2", "subclass": None, "A": A, "B": B}
            elif kind == "G3":
                area_m2 = rng.uniform(3000.0, 20000.0)
                aspect = rng.uniform(1.0, 1.8)
                w, h = math.sqrt(area_m2 * aspect), math.sqrt(area_m2 / aspect)
                if rng.random() < 0.5:
                    w, h = h, w
                w, h = min(w, r[2] - r[0] - 8.0), min(h, r[3] - r[1] - 8.0)
                if w * h < 3100.0:
                    break
                u = rng.uniform(r[0] + 4.0, r[2] - 4.0 - w)
                v = rng.uniform(r[1] + 4.0, r[3] - 4.0 - h)
                g = {"ring": local_ring(grid, [(u, v), (u + w, v), (u + w, v + h), (u, v + h)]), "class": "G3",
                     "subclass": None}
            else:
                cell = (r[0] + 6.0, r[1] + 6.0, r[2] - 6.0, r[3] - 6.0)
                shape = fit_blob(rng, cell, rng.uniform(0.15, 0.35) * (r[2] - r[0]) * (r[3] - r[1]))
                if shape is None:
                    break
                g = {"ring": local_ring(grid, shape), "class": "XG", "subclass": "公共管理与公共服务设施用地附属绿地"}
            if not ring_problems(g["ring"]) and not index.hits(g["ring"]):
                add(g)
                want[kind] -= 1
                break

    # XG inside housing estates: the estate's own garden, 10-30 % of a plain block. Not in the
    # blocks surveyed twice, so that each such green space overlaps exactly one block.
    hosts = [k for k, b in enumerate(residential) if b.get("plain") and not b.get("resurveyed")]
    for k in sorted(rng.sample(hosts, XG_HOUSING)):
        b = residential[k]
        r = b["rect"]
        shape = fit_blob(rng, (r[0] + 7.0, r[1] + 7.0, r[2] - 7.0, r[3] - 7.0),
                         rng.uniform(0.10, 0.30) * signed_area(b["ring"]), min_area=150.0)
        if shape is None:
            continue
        ring = local_ring(b["grid"], shape)
        if not ring_problems(ring) and index.hits(ring) == [("res", k)] and ring_inside(ring, snap(b["ring"])):
            add({"ring": ring, "class": "XG", "subclass": "居住用地附属绿地", "block": k})

    # Two surveys that disagree: a square drawn over a corner of a town park, and regional green
    # land drawn over part of a park outside town.
    in_town = [k for k, p in enumerate(parks) if "grid" in p and signed_area(p["ring"]) >= 5000.0]
    outside = [k for k, p in enumerate(parks) if "grid" not in p]
    found, tries = 0, 0
    while found < N_PARK_DISAGREEMENTS - 2 and tries < 500:
        tries += 1
        k = rng.choice(in_town)
        if any(g["park"] == k for g in greens):
            continue
        p = parks[k]
        u0, v0, u1, v1 = p["rect"]
        w, h = rng.uniform(0.35, 0.5) * (u1 - u0), rng.uniform(0.35, 0.5) * (v1 - v0)
        if not 3100.0 <= w * h <= 19500.0:
            continue
        u = u0 + 3.0 if rng.random() < 0.5 else u1 - 3.0 - w
        v = v0 + 3.0 if rng.random() < 0.5 else v1 - 3.0 - h
        ring = local_ring(p["grid"], [(u, v), (u + w, v), (u + w, v + h), (u, v + h)])
        park = snap(p["ring"])
        if ring_problems(ring) or index.hits(ring) != [("park", k)]:
            continue
        if not 0.15 <= share_inside(ring, park) <= 0.7 or all(point_in_ring(q, ring) for q in park):
            continue  # only part of one in the other
        add({"ring": ring, "class": "G3", "subclass": None, "park": k})
        found += 1
    tries = 0
    while found < N_PARK_DISAGREEMENTS and tries < 500:
        tries += 1
        k = rng.choice(outside)
        if any(g["park"] == k for g in greens):
            continue
        park = snap(parks[k]["ring"])
        c = centroid(park)
        edge = rng.choice(park)
        rp = math.sqrt(signed_area(park) / math.pi)
        unit = blob(rng)
        s = math.sqrt(rng.uniform(60000.0, 0.6 * signed_area(park)) / signed_area(unit))
        # Centred a little beyond a point of the park's edge, so it spills out of the park.
        x, y = edge[0] + 0.15 * (edge[0] - c[0]) * s / rp, edge[1] + 0.15 * (edge[1] - c[1]) * s / rp
        ring = snap([(x + a * s, y + b * s) for a, b in unit])
        if ring_problems(ring) or index.hits(ring) != [("park", k)]:
            continue
        if any(point_in_ring(p, a["ring"]) or dist_to_ring(p, a["ring"]) < 700.0 for p in ring for a in built):
            continue
        if not 0.15 <= share_inside(ring, park) <= 0.7 or all(point_in_ring(q, ring) for q in park):
            continue
        add({"ring": ring, "class": "EG", "subclass": rng.choice(EG_SUBCLASSES[:2]), "park": k})
        found += 1

    # EG: 5-50 ha of scenic, ecological, protective and nursery land well outside the towns.
    want, tries = EG_AREAS, 0
    while want and tries < 3000:
        tries += 1
        x, y = rng.uniform(-12000.0, 10000.0), rng.uniform(-10500.0, 16000.0)
        unit = blob(rng, 10, 16)
        s = math.sqrt(math.exp(rng.uniform(math.log(55000.0), math.log(480000.0))) / signed_area(unit))
        if any(point_in_ring((x, y), a["ring"]) or dist_to_ring((x, y), a["ring"]) < 900.0 + s for a in built):
            continue
        ring = snap([(x + a * s, y + b * s) for a, b in unit])
        if ring_problems(ring) or index.hits(ring):
            continue
        add({"ring": ring, "class": "EG", "subclass": rng.choice(EG_SUBCLASSES)})
        want -= 1

    greens.sort(key=lambda g: CLASS_ORDER.index(g["class"]))  # stable: generation order within a class
    return greens


def canopy_of_star(rng, ring, c, kinds=("草地", "乔木", "灌木")):
    """Vegetation over one park or green space that is star-shaped from c: the area shrunk towards
    c (60-80 % of it), cut into a few wedges of lawn, trees and shrubs, plus tree crowns near the
    edge that overlap the wedges and one another. Returns (ring, kind, is_base) triples."""
    area = signed_area(ring)
    s = rng.uniform(0.79, 0.89)
    inner = [(c[0] + s * (p[0] - c[0]), c[1] + s * (p[1] - c[1])) for p in ring]
    n = len(ring)
    k = 1 if area < 1500 else (2 if area < 10000 else (3 if area < 60000 else 4))
    k = min(k, n // 2)
    out = []
    if k == 1:
        out.append((snap(inner), rng.choice(kinds), True))
    else:
        cuts = sorted(rng.sample(range(n), k))
        for j in range(k):
            a, b = cuts[j], cuts[(j + 1) % k] + (n if j == k - 1 else 0)
            wedge = [c] + [inner[m % n] for m in range(a, b + 1)]
            out.append((snap(wedge), kinds[j % len(kinds)] if j < len(kinds) else rng.choice(kinds), True))
    budget = 0.88 * area - sum(signed_area(r) for r, _, _ in out)
    rmax = max(2.5, min(15.0, 0.06 * math.sqrt(area)))
    for _ in range(1 + int(math.sqrt(area) / 55.0)):
        i = rng.randrange(n)
        q = lerp(ring[i], ring[(i + 1) % n], rng.random())
        tau = rng.uniform(0.6, 0.9)
        centre = lerp(c, q, tau)
        rho = min(rmax, 0.8 * (1 - tau) * math.hypot(q[0] - c[0], q[1] - c[1]))
        if rho < 1.5:
            continue
        crown = fitting_crown(rng, centre, rho, ring, budget)
        if crown is None:
            continue
        budget -= signed_area(crown)
        out.append((crown, "乔木" if rng.random() < 0.85 else "灌木", False))
    return out


def fitting_crown(rng, centre, rho, ring, budget):
    """A tree crown of radius about rho at centre, or None where it would not fit the host ring or the budget."""
    unit = blob(rng, 6, 9)
    crown = snap([(centre[0] + x * rho, centre[1] + y * rho) for x, y in unit])
    if signed_area(crown) > budget or ring_problems(crown) or not ring_inside(crown, ring):
        return None
    return crown


def canopy_of_strip(rng, A, B, ring):
    """Vegetation over a strip: lawn, shrubs and trees along its middle, crowns along its axis."""
    area = signed_area(ring)
    f = rng.uniform(0.05, 0.12)
    n = len(A) - 1
    eps = 0.05
    pieces = min(n, rng.randint(1, 3)) if n > 1 else 1
    if pieces > 1:
        cuts = [eps] + sorted(rng.sample(range(1, n), pieces - 1)) + [n - eps]
    else:
        cuts = [eps, n - eps]
    out = []
    for j in range(len(cuts) - 1):
        out.append((strip_ring(A, B, cuts[j], cuts[j + 1], f, 1 - f), ("草地", "灌木", "乔木")[j % 3], True))
    budget = 0.88 * area - sum(signed_area(r) for r, _, _ in out)
    for _ in range(min(5, 1 + n)):
        t = rng.uniform(0.1, n - 0.1)
        centre = strip_point(A, B, t, rng.uniform(0.4, 0.6))
        i = min(int(t), n - 1)
        width = math.hypot(B[i][0] - A[i][0], B[i][1] - A[i][1])
        rho = min(8.0, 0.35 * width)
        crown = fitting_crown(rng, centre, rho, ring, budget)
        if crown is None:
            continue
        budget -= signed_area(crown)
        out.append((crown, "乔木", False))
    return out


def build_canopy(seed, residential, parks, greens):
    """Vegetation cover: over every park and green space, roof gardens on some housing blocks,
    street-tree rows beside some blocks. Returns (ring, kind, host, is_base) tuples, host being
    ("park", k), ("green", k), ("res", k) or None for street trees."""
    rng = random.Random(seed)
    out = []
    hosts = [(("park", k), snap(p["ring"]), None) for k, p in enumerate(parks)]
    hosts += [(("green", k), g["ring"], g) for k, g in enumerate(greens)]
    for host, ring, g in hosts:
        if g is not None and "A" in g:
            parts = canopy_of_strip(rng, g["A"], g["B"], ring)
        else:
            c = star_centre(ring)
            if c is None:
                raise SystemExit(f"{host} is not star-shaped from its centroid")  # never happens for blobs
            parts = canopy_of_star(rng, ring, c)
        out.extend((r, kind, host, base) for r, kind, base in parts)

    index = RingIndex.of_land(parks, residential, greens)

    # Roof gardens (屋顶绿化) on some plain blocks that have no garden of their own.
    gardens = {g["block"] for g in greens if g["block"] is not None}
    eligible = [k for k, b in enumerate(residential)
                if b.get("plain") and not b.get("resurveyed") and k not in gardens]
    for k in sorted(rng.sample(eligible, 120)):
        b = residential[k]
        u0, v0, u1, v1 = b["rect"]
        um = (u0 + u1) / 2
        block = snap(b["ring"])
        for lo, hi in ((u0 + 8.0, um - 4.0), (um + 4.0, u1 - 8.0))[:rng.randint(1, 2)]:
            w, h = min(rng.uniform(15.0, 40.0), hi - lo), min(rng.uniform(12.0, 30.0), v1 - v0 - 16.0)
            if w < 10.0 or h < 10.0:
                continue
            u, v = rng.uniform(lo, hi - w), rng.uniform(v0 + 8.0, v1 - 8.0 - h)
            roof = local_ring(b["grid"], [(u, v), (u + w, v), (u + w, v + h), (u, v + h)])
            if not ring_problems(roof) and ring_inside(roof, block):
                out.append((roof, "屋顶绿化", ("res", k), False))

    # Street trees: rows 3-6 m wide just outside some blocks, in the street.
    rows, tries = 0, 0
    while rows < 220 and tries < 2000:
        tries += 1
        b = residential[rng.randrange(len(residential))]
        if "grid" not in b:
            continue
        r = b["rect"]
        side = rng.randrange(4)
        ln = side_length(r, side)
        t0 = rng.uniform(0.0, 0.4) * ln
        t1 = t0 + rng.uniform(0.4, 0.9) * (ln - t0)
        wt = rng.uniform(3.0, 6.0)
        A, B = side_strip(b["grid"], r, side, t0, t1, -1.0 - wt, -1.0)
        ring = strip_ring(A, B)
        if ring_problems(ring) or index.hits(ring):
            continue
        index.add(ring, ("street", rows))
        out.append((ring, "乔木" if rng.random() < 0.8 else "灌木", None, False))
        rows += 1
    return out


# ---------------------------------------------------------------- output

# ---------------------------------------------------------------- land plans free for parks

N_FACTORIES, N_VILLAGES = 24, 10
FACTORY_KINDS = ["机械厂", "化肥厂", "水泥厂", "纺织厂", "砖瓦厂", "农机厂", "酒厂", "印刷厂", "食品厂", "木材厂",
                 "造纸厂", "焦化厂", "铸造厂", "卷烟配套厂"]
VILLAGE_NAMES = ["寥廓", "白石江", "潇湘", "三宝", "越州", "西山", "东山", "沿江", "珠街", "南宁", "花山", "龙潭"]


def build_sites(seed, built, residential, parks, greens):
    """Old factories (旧厂区) and urban villages (城中村): land the plans free, in street blocks that
    hold neither housing, park nor other green land, some on the fringe. Besides the ordinary ones,
    the factories include one too small to be a park that counts (1200 m²), one drawn over the corner
    of a park that counts (a survey that disagrees), one 2 km outside every built-up area and one
    surveyed only as a point with its 厂区总面积; one urban village is only a point.

    Returns (factories, villages), each a list of dicts: ring (or point), props, intent (None, or
    ("park", k) for the one meant to overlap a park)."""
    rng = random.Random(seed)
    index = RingIndex.of_land(parks, residential, greens)
    empty = [(ai, area["grid"], r, st) for ai, area in enumerate(built) for r, st in area["empty"]]
    rng.shuffle(empty)
    used = 0

    def claim(kind, target, prefer="in"):
        """A blob of about target m² in the next free block that takes it, blocks inside a built-up
        area first (or fringe blocks first)."""
        nonlocal used
        order = sorted(range(used, len(empty)), key=lambda k: (empty[k][3] != prefer, k))
        for k in order:
            ai, grid, r, st = empty[k]
            shape = fit_blob(rng, (r[0] + 6.0, r[1] + 6.0, r[2] - 6.0, r[3] - 6.0), target, min_area=1000.0)
            if shape is None:
                continue
            ring = local_ring(grid, shape)
            if ring_problems(ring) or index.hits(ring):
                continue
            empty[used], empty[k] = empty[k], empty[used]
            used += 1
            index.add(ring, (kind, k))
            return ai, ring
        raise RuntimeError(f"no free block for a {kind} of {target:.0f} m²")

    def survey_date():
        day = rng.randint(datetime.date(2016, 6, 1).toordinal(), datetime.date(2016, 12, 20).toordinal())
        return datetime.date.fromordinal(day).isoformat()

    factories = []
    kinds = {}
    for n in range(N_FACTORIES):
        target = 1200.0 if n == 3 else math.exp(rng.uniform(math.log(2600.0), math.log(26000.0)))
        ai, ring = claim("factory", target, "in" if n < 20 else "fringe")
        kind = FACTORY_KINDS[n % len(FACTORY_KINDS)]
        kinds[kind] = kinds.get(kind, 0) + 1
        roll = rng.random()
        category = "用地变更类" if roll < 0.5 else ("拆旧建新类" if roll < 0.75 else "改造提升类")
        factories.append({"ring": ring, "area": ai, "name": f"{built[ai]['name'][:2]}{kind}{'' if kinds[kind] == 1 else kinds[kind]}",
                          "category": category, "intent": None})

    # Drawn over a corner of a town park that counts (and that no green space overlaps already).
    taken = {g["park"] for g in greens if g["park"] is not None}
    for k, p in enumerate(parks):
        if "grid" not in p or k in taken or signed_area(p["ring"]) < 8000.0:
            continue
        u0, v0, u1, v1 = p["rect"]
        w, h = 0.45 * (u1 - u0), 0.45 * (v1 - v0)
        ring = local_ring(p["grid"], [(u0 + 3.0, v0 + 3.0), (u0 + 3.0 + w, v0 + 3.0), (u0 + 3.0 + w, v0 + 3.0 + h), (u0 + 3.0, v0 + 3.0 + h)])
        if ring_problems(ring) or index.hits(ring) != [("park", k)] or not 0.1 <= share_inside(ring, snap(p["ring"])) <= 0.7:
            continue
        if any(0.97 * t <= signed_area(ring) <= 1.03 * t for t in THRESHOLDS):
            continue
        ai = next(a for a, area in enumerate(built) if area["grid"] is p["grid"])
        index.add(ring, ("factory", "park"))
        factories.append({"ring": ring, "area": ai, "name": f"{built[ai]['name'][:2]}老电厂", "category": "用地变更类",
                          "intent": ("park", k)})
        break

    # Two kilometres out of town, beyond the fringe housing and the green belts.
    while True:
        x, y = rng.uniform(-11000.0, 9000.0), rng.uniform(-9500.0, 15000.0)
        if any(point_in_ring((x, y), a["ring"]) or dist_to_ring((x, y), a["ring"]) < 2000.0 for a in built):
            continue
        unit = blob(rng)
        s = math.sqrt(rng.uniform(15000.0, 40000.0) / signed_area(unit))
        ring = snap([(x + a * s, y + b * s) for a, b in unit])
        if ring_problems(ring) or index.hits(ring):
            continue
        ai = min(range(len(built)), key=lambda a: dist_to_ring((x, y), built[a]["ring"]))
        index.add(ring, ("factory", "out"))
        factories.append({"ring": ring, "area": ai, "name": "城郊砖厂", "category": "用地变更类", "intent": None})
        break

    villages = []
    for n in range(N_VILLAGES):
        ai, ring = claim("village", math.exp(rng.uniform(math.log(6000.0), math.log(30000.0))), "in" if n < 7 else "fringe")
        villages.append({"ring": ring, "area": ai, "name": f"{VILLAGE_NAMES[n]}村", "intent": None})

    # Surveyed only as points: a factory with its stated area (import gives it a circle of that area),
    # and a village without one.
    ai, ring = claim("factory", 9000.0)
    index.items[-1] = (ring, bbox(ring), ("point", None))
    factories.append({"point": centroid(ring), "area": ai, "name": f"{built[ai]['name'][:2]}电机厂",
                      "category": "用地变更类", "site_area_m2": 8500.0, "intent": None})
    ai, ring = claim("village", 9000.0)
    villages.append({"point": centroid(ring), "area": ai, "name": "瓦窑村", "intent": None})

    for k, f in enumerate(factories):
        area = f.get("site_area_m2") or signed_area(f["ring"])
        f["props"] = {"code": f"F-{k + 1:03d}", "name": f["name"], "district": built[f["area"]]["district"],
                      "regulatory_plan": "是" if rng.random() < 0.7 else "否",
                      "site_area_m2": round(area, 1), "category": f["category"], "surveyed": survey_date()}
    for k, v in enumerate(villages):
        v["props"] = {"code": f"UV-{k + 1:03d}", "name": v["name"], "district": built[v["area"]]["district"],
                      "households": rng.randint(60, 420), "plan_year": rng.randint(2016, 2020)}
    return factories, villages


def check_sites(factories, villages, rings):
    """Sites overlap nothing but what they are meant to: the one factory over a park."""
    problems = []
    sites = [s for s in factories + villages if "ring" in s]
    site_rings = [s["ring"] for s in sites]
    for k, ring in enumerate(site_rings):
        if ring_problems(ring):
            problems.append(f"site {k}: {ring_problems(ring)}")
        if any(0.97 * t <= signed_area(ring) <= 1.03 * t for t in THRESHOLDS):
            problems.append(f"site {k}: area {signed_area(ring):.0f} m² next to a coverage threshold")
    if overlapping_pairs(site_rings):
        problems.append("sites overlap each other")
    for name in ("residential", "green_spaces"):
        if overlapping_pairs(site_rings, rings[name]):
            problems.append(f"sites overlap {name}")
    found = overlapping_pairs(site_rings, rings["parks"])
    meant = [(k, s["intent"][1]) for k, s in enumerate(sites) if s["intent"]]
    if found != meant or len(meant) != 1:
        problems.append(f"sites over parks: found {found}, meant {meant}")
    return problems


def site_feature(site):
    if "point" in site:
        return {"type": "Feature", "properties": site["props"],
                "geometry": {"type": "Point", "coordinates": to_lonlat(site["point"])}}
    return feature(site["props"], site["ring"])


def to_lonlat(p):
    return [round(LON0 + p[0] / M_PER_DEG_LON, 7), round(LAT0 + p[1] / M_PER_DEG_LAT, 7)]


def from_lonlat(q):
    return ((q[0] - LON0) * M_PER_DEG_LON, (q[1] - LAT0) * M_PER_DEG_LAT)


def feature(props, ring_m):
    coords = [to_lonlat(p) for p in ring_m]
    coords.append(list(coords[0]))
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [coords]}}


def from_ring(f):
    """A written feature's ring, as it will be read back (open, in metres)."""
    return [from_lonlat(q) for q in f["geometry"]["coordinates"][0][:-1]]


def dumps_collection(features):
    # One feature per line: small diffs when the generator changes, still plain RFC 7946 JSON.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def check(collections, n_pairs, intent):
    """Validate what is about to be written, from the rounded coordinates. Returns problem lines.

    intent: the overlaps meant to be there: green-space index -> park index, green-space index ->
    residential block index, and per canopy feature its host and whether it is base cover."""
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
                problems.append(f"{name}[{k}] {f['properties'].get('name', '')}: {why}")
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

    problems += check_attributes(collections)
    problems += check_green(collections, rings, intent)
    problems += check_canopy(collections, rings, intent)
    return problems


def check_attributes(collections):
    problems = []
    built = [f["properties"] for f in collections["built_up"]]
    if [b["central_city"] for b in built].count(1) != 1 or not all(b["central_city"] in (0, 1) for b in built):
        problems.append("exactly one built-up area should be the central city")
    if not all(0 <= b["historic_share"] <= 1 and b["boundary_year"] == BOUNDARY_YEAR for b in built):
        problems.append("historic_share outside 0-1 or boundary_year off")
    if not any(b["historic_share"] > 0.5 and not b["central_city"] for b in built):
        problems.append("no smaller town has historic districts over half its area")

    dates = [f["properties"]["opened"] for f in collections["parks"]]
    known = [d for d in dates if d is not None]
    for d in known:
        try:
            ok = datetime.date.fromisoformat(d).isoformat() == d and "2008-01-01" <= d <= "2022-12-31"
        except ValueError:
            ok = False
        if not ok:
            problems.append(f"park opening date {d!r} is not a date in 2008-2022")
    years = [int(d[:4]) for d in known]
    if not 0 < len(dates) - len(known) <= 0.08 * len(dates):
        problems.append(f"{len(dates) - len(known)} parks without an opening date, expected a few")
    if sum(y < 2016 for y in years) <= len(dates) / 2 or min(years.count(y) for y in range(2016, 2021)) < 5:
        problems.append("opening dates: most parks should predate 2016, and some open every year 2016-2020")
    return problems


def check_green(collections, rings, intent):
    problems = []
    feats = collections["green_spaces"]
    green = rings["green_spaces"]
    if not 150 <= len(green) <= 300:
        problems.append(f"{len(green)} green spaces, expected 150-300")
    for k, f in enumerate(feats):
        p = f["properties"]
        a = signed_area(green[k])
        if p["class"] not in CLASS_ORDER or p["counts_toward_ratio"] != (0 if p["class"] == "EG" else 1):
            problems.append(f"green_spaces[{k}]: class {p['class']} / counts_toward_ratio {p['counts_toward_ratio']}")
        if (p["class"] == "G3" and not 3000 <= a <= 20000) or (p["class"] == "EG" and not 50000 <= a <= 500000):
            problems.append(f"green_spaces[{k}] {p['name']}: {a:.0f} m² is off for class {p['class']}")
    for c in CLASS_ORDER:
        if sum(f["properties"]["class"] == c for f in feats) < 10:
            problems.append(f"fewer than 10 green spaces of class {c}")
    if overlapping_pairs(green):
        problems.append("green spaces overlap each other")
    found = overlapping_pairs(green, rings["parks"])
    meant = sorted(intent["green_park"].items())
    if found != meant:
        problems.append(f"green spaces overlapping parks: found {found}, meant {meant}")
    if len(meant) != N_PARK_DISAGREEMENTS:
        problems.append(f"{len(meant)} green spaces overlap a park, meant {N_PARK_DISAGREEMENTS}")
    for g, p in meant:
        if not 0.1 <= share_inside(green[g], rings["parks"][p]) <= 0.75 or \
                all(point_in_ring(q, green[g]) for q in rings["parks"][p]):
            problems.append(f"green_spaces[{g}] and parks[{p}] should overlap only in part")
    found = overlapping_pairs(green, rings["residential"])
    meant = sorted(intent["green_block"].items())
    if found != meant:
        problems.append(f"green spaces overlapping residential blocks: unintended {sorted(set(found) - set(meant))}, "
                        f"missing {sorted(set(meant) - set(found))}")
    for g, b in meant:
        if feats[g]["properties"]["class"] != "XG" or not ring_inside(green[g], rings["residential"][b]):
            problems.append(f"green_spaces[{g}] should be XG inside residential[{b}]")
    eg = [k for k, f in enumerate(feats) if f["properties"]["class"] == "EG"]
    if overlapping_pairs([green[k] for k in eg], rings["built_up"]):
        problems.append("regional green land (EG) inside a built-up area")
    return problems


def check_canopy(collections, rings, intent):
    problems = []
    feats, canopy, hosts = collections["canopy"], rings["canopy"], intent["canopy"]
    if not 1000 <= len(canopy) <= 3000:
        problems.append(f"{len(canopy)} canopy polygons, expected 1000-3000")
    kinds = {"乔木", "灌木", "草地", "屋顶绿化"}
    if {f["properties"]["kind"] for f in feats} != kinds:
        problems.append("canopy kinds off")
    host_ring = lambda h: rings[{"park": "parks", "green": "green_spaces", "res": "residential"}[h[0]]][h[1]]
    cover = {}
    for k, (host, base) in enumerate(hosts):
        if host is None:
            continue
        if not ring_inside(canopy[k], host_ring(host)):
            problems.append(f"canopy[{k}] not inside its host {host}")
        c = cover.setdefault(host, [0.0, 0.0])
        c[0] += signed_area(canopy[k]) if base else 0.0
        c[1] += signed_area(canopy[k])
    for host in [("park", k) for k in range(len(rings["parks"]))] + \
            [("green", k) for k in range(len(rings["green_spaces"]))]:
        base, total = cover.get(host, (0.0, 0.0))
        a = signed_area(host_ring(host))
        # Base pieces do not overlap one another; everything else only adds to them: so the
        # dissolved cover lies between these two fractions.
        if base < 0.6 * a or total > 0.9 * a:
            problems.append(f"canopy over {host}: base {base / a:.2f}, sum {total / a:.2f} of its area, meant 0.6-0.9")
    street = [k for k, (host, _) in enumerate(hosts) if host is None]
    for name in ("parks", "residential", "green_spaces"):
        if overlapping_pairs([canopy[k] for k in street], rings[name]):
            problems.append(f"street trees overlap {name}")
    pairs = overlapping_pairs(canopy)
    allowed = {("park", p, "green", g) for g, p in intent["green_park"].items()}
    for i, j in pairs:
        a, b = hosts[i][0], hosts[j][0]
        if a != b and not (a and b and (a + b in allowed or b + a in allowed)):
            problems.append(f"canopy[{i}] ({a}) and canopy[{j}] ({b}) overlap")
    if len(pairs) < 100:
        problems.append(f"only {len(pairs)} overlapping canopy pairs: crowns should overlap")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(here), "geodata"), help="output folder")
    ap.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    args = ap.parse_args()

    built, residential, parks = build_city(args.seed)
    # Class, opening date, green spaces and canopy each from their own stream, so tweaking one
    # reshuffles neither the city's geometry nor the others.
    crng = random.Random(args.seed + 1)
    classes = [park_class(crng, signed_area(p["ring"])) for p in parks]
    drng = random.Random(args.seed + 2)
    opened = [opened_date(drng) for _ in parks]
    greens = build_green_spaces(args.seed + 3, built, residential, parks)
    canopy = build_canopy(args.seed + 4, residential, parks, greens)

    counters = {c: 0 for c in CLASS_ORDER}
    green_feats = []
    for g in greens:
        counters[g["class"]] += 1
        green_feats.append(feature({"name": f"{CLASS_NAMES[g['class']]}{counters[g['class']]}", "class": g["class"],
                                    "subclass": g["subclass"], "counts_toward_ratio": 0 if g["class"] == "EG" else 1},
                                   g["ring"]))
    collections = {
        "built_up": [feature({"name": a["name"], "population": a["population"], "district": a["district"],
                              "central_city": a["central_city"], "historic_share": a["historic_share"],
                              "boundary_year": BOUNDARY_YEAR}, a["ring"])
                     for a in built],
        "residential": [feature({"name": f"居住区{k + 1}", "population": b["population"]}, b["ring"])
                        for k, b in enumerate(residential)],
        "parks": [feature({"name": f"公园{k + 1}", "class": classes[k], "opened": opened[k]}, p["ring"])
                  for k, p in enumerate(parks)],
        "green_spaces": green_feats,
        "canopy": [feature({"kind": kind}, ring) for ring, kind, _, _ in canopy],
    }
    intent = {
        "green_park": {k: g["park"] for k, g in enumerate(greens) if g["park"] is not None},
        "green_block": {k: g["block"] for k, g in enumerate(greens) if g["block"] is not None},
        "canopy": [(host, base) for _, _, host, base in canopy],
    }

    problems = check(collections, N_OVERLAP_PAIRS, intent)
    # The land plans free, from a stream of its own: the layers above stay byte for byte as they were.
    factories, villages = build_sites(args.seed + 5, built, residential, parks, greens)
    rings = {name: [from_ring(f) for f in collections[name]] for name in ("residential", "green_spaces", "parks")}
    problems += check_sites(factories, villages, rings)
    collections["old_factories"] = [site_feature(f) for f in factories]
    collections["urban_villages"] = [site_feature(v) for v in villages]
    # The programmes' progress at the end of 2018, in files of their own (seed + 6).
    collections.update(progress.build(args.seed + 6, built, residential, collections))
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
