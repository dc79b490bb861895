"""Other green land (G2, G3, XG, EG) and the vegetation cover (canopy) over parks, green land,
roofs and streets."""
import math
import random

from .geometry import bbox, dist_to_ring, point_in_ring, ring_problems, rings_overlap, segments_touch, signed_area
from .shapes import blob, fit_blob
from .output import from_lonlat, to_lonlat

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
