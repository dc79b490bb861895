"""The city: built-up areas, their street grids, residential blocks and parks, park classes and
opening dates."""
import datetime
import math
import random

from .plan import AREAS, FRINGE_M, N_OVERLAP_PAIRS
from .geometry import dist_to_ring, overlapping_pairs, point_in_ring, signed_area
from .shapes import area_outline, blob, block_ring, fit_blob, overlap_ring

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
