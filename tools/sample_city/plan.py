"""Where the sample city lies and what it is made of: its origin, the metres a degree spans there,
the coverage thresholds generated parks keep clear of, and the built-up areas."""
import math

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
