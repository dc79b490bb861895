"""Writing GeoJSON (RFC 7946): metres to lon/lat at 7 decimals, one feature per line."""
import json

from .plan import LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON

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
