"""What is checked before anything is written: valid rings, only the intended overlaps, plausible
counts, sizes and attributes."""
import datetime

from .plan import BOUNDARY_YEAR
from .geometry import overlapping_pairs, point_in_ring, ring_problems, signed_area
from .green import CLASS_ORDER, N_PARK_DISAGREEMENTS, ring_inside, share_inside
from .output import from_lonlat

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
