"""The shapes the city is drawn with: blobs for parks, blocks, second surveys' outlines, built-up
boundaries."""
import math

from .plan import THRESHOLDS
from .geometry import signed_area

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
