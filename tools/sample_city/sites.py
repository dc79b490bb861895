"""The land plans free for parks: old factories and urban villages."""
import datetime
import math
import random

from .plan import THRESHOLDS
from .geometry import bbox, dist_to_ring, overlapping_pairs, point_in_ring, ring_problems, signed_area
from .shapes import blob, fit_blob
from .green import RingIndex, centroid, local_ring, share_inside, snap
from .output import feature, to_lonlat

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
