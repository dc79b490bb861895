"""治乱治脏 sample data: key areas, the cases a hotline logged 2016-2020, and the inspections.

  key_areas.geojson   KEY_AREAS: markets, squares, stations, streets and the like, each a
                      square of 40-90 m in a built-up area (a river and a main road as lines);
                      fields code, name, district, area_type
  incidents.csv       a hotline export as it comes (UTF-8 with BOM, Chinese headers 工单编号,
                      受理时间, 问题类型, 诉求内容, 地址, 经度, 纬度, 坐标系, 来源渠道, 处置时限, 办结时间):
                      most cases picked on a phone map (坐标系 高德 = GCJ-02, 百度 = BD-09, or GPS),
                      some without coordinates whose 地址 is a key area's name, a few with an
                      explicit deadline; about 1 in 20 closed weeks late, 1 in 50 never. CHRONIC seeds a hot and hard
                      spot: cases around one market in the autumn of 2018, the first still open.
  inspections.csv     every key area inspected each month (明查 / 暗访 / 第三方测评), its score
                      0-100 and the problems found

From a random stream of its own (seed + 7), so every other file stays byte for byte as it was.
"""
import csv
import io
import math
import random
from datetime import datetime, timedelta

from .geometry import point_in_ring
from .output import to_lonlat, feature

# name, built-up area (index into AREAS), type, side of the square (m)
KEY_AREAS = [
    ("南门农贸市场", 0, "集贸市场", 70), ("北关农贸市场", 0, "集贸市场", 60), ("麒麟火车站", 0, "车站码头", 90),
    ("客运北站", 0, "车站码头", 80), ("麒麟广场", 0, "广场公园", 90), ("南片区夜市", 0, "饮食摊点", 50),
    ("步行街", 0, "商业街区", 80), ("寥廓街老巷", 0, "街巷院落", 40), ("东出城口", 0, "出入城口", 60),
    ("三江口城中村", 0, "城中村", 80), ("城东工地", 0, "建筑工地", 70), ("珠街城乡结合部", 0, "城乡结合部", 90),
    ("文昌公厕", 0, "公共厕所", 40), ("沾益农贸市场", 1, "集贸市场", 60), ("沾益客运站", 1, "车站码头", 70),
    ("沾益广场", 1, "广场公园", 80), ("西城老街", 2, "旅游景区", 80), ("西城菜市场", 2, "集贸市场", 50),
    ("南城小吃街", 3, "饮食摊点", 60), ("南城广场", 3, "广场公园", 70),
]
# Lines: name, area, type, offsets (m) from the area's centre
KEY_LINES = [
    ("麒麟大道", 0, "主次干道", [(-2500.0, -300.0), (0.0, -100.0), (2500.0, 200.0)]),
    ("潇湘河", 0, "河道沟渠", [(-1800.0, 1200.0), (-300.0, 900.0), (1500.0, 1400.0)]),
]
# Which kinds a type of key area draws most.
LIKELY = {
    "集贸市场": ["占道经营", "乱摆乱放", "乱吐乱扔"], "车站码头": ["占道经营", "乱吐乱扔"], "广场公园": ["乱吐乱扔", "乱贴乱画"],
    "饮食摊点": ["占道经营", "乱排乱倒"], "商业街区": ["占道经营", "乱贴乱画"], "街巷院落": ["乱搭乱建", "乱摆乱放"],
    "出入城口": ["乱吐乱扔"], "城中村": ["乱搭乱建", "乱排乱倒"], "建筑工地": ["乱排乱倒"], "城乡结合部": ["乱搭乱建", "乱排乱倒"],
    "公共厕所": ["乱排乱倒"], "旅游景区": ["乱吐乱扔", "乱贴乱画"], "主次干道": ["占道经营", "乱吐乱扔"], "河道沟渠": ["乱排乱倒"],
}
KINDS = ["占道经营", "乱摆乱放", "乱贴乱画", "乱吐乱扔", "乱排乱倒", "乱搭乱建"]
TEXT = {"占道经营": "有人占道摆摊经营", "乱摆乱放": "商铺货物堆放在人行道上", "乱贴乱画": "墙面有小广告乱贴乱画",
        "乱吐乱扔": "垃圾乱扔无人清扫", "乱排乱倒": "污水乱排、建筑垃圾乱倒", "乱搭乱建": "有人私搭乱建棚屋"}
# The hot and hard spot of the autumn of 2018: cases around 南门农贸市场, (reported, hours to close or None).
CHRONIC = [("2018-10-20 08:40", None), ("2018-10-29 17:05", 30), ("2018-11-08 09:15", 52), ("2018-11-19 07:50", 20),
           ("2018-12-03 18:30", None), ("2018-12-14 10:10", 26)]


def gcj02(lon, lat):
    """WGS 84 to GCJ-02, the public forward formula (Krasovsky ellipsoid), as WebMapOffset.swift has it."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    wave = (20 * math.sin(6 * x * math.pi) + 20 * math.sin(2 * x * math.pi)) * 2 / 3
    dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + wave
    dlat += (20 * math.sin(y * math.pi) + 40 * math.sin(y / 3 * math.pi)) * 2 / 3
    dlat += (160 * math.sin(y / 12 * math.pi) + 320 * math.sin(y * math.pi / 30)) * 2 / 3
    dlon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + wave
    dlon += (20 * math.sin(x * math.pi) + 40 * math.sin(x / 3 * math.pi)) * 2 / 3
    dlon += (150 * math.sin(x / 12 * math.pi) + 300 * math.sin(x / 30 * math.pi)) * 2 / 3
    rad = lat / 180 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    dlat = dlat * 180 / (a * (1 - ee) / (magic * math.sqrt(magic)) * math.pi)
    dlon = dlon * 180 / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def bd09(lon, lat):
    """WGS 84 to BD-09: GCJ-02, then Baidu's own shift."""
    x, y = gcj02(lon, lat)
    factor = math.pi * 3000 / 180
    r = math.sqrt(x * x + y * y) + 0.00002 * math.sin(y * factor)
    t = math.atan2(y, x) + 0.000003 * math.cos(x * factor)
    return r * math.cos(t) + 0.0065, r * math.sin(t) + 0.006


def build(seed, built):
    rng = random.Random(seed)
    areas = []
    for k, (name, ai, kind, side) in enumerate(KEY_AREAS):
        cx, cy = built[ai]["centre"] if "centre" in built[ai] else centre_of(built[ai]["ring"])
        while True:
            x, y = cx + rng.uniform(-0.55, 0.55) * spread(built[ai]["ring"])[0], cy + rng.uniform(-0.55, 0.55) * spread(built[ai]["ring"])[1]
            h = side / 2
            ring = [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)]
            if all(point_in_ring(p, built[ai]["ring"]) for p in ring) and all(math.hypot(x - o["x"], y - o["y"]) > 250 for o in areas):
                break
        areas.append({"code": f"KA-{k + 1:03d}", "name": name, "district": built[ai]["district"], "type": kind,
                      "x": x, "y": y, "half": h, "ring": ring})
    features = [feature({"code": a["code"], "name": a["name"], "district": a["district"], "area_type": a["type"]}, a["ring"])
                for a in areas]
    for k, (name, ai, kind, offsets) in enumerate(KEY_LINES):
        cx, cy = centre_of(built[ai]["ring"])
        features.append({"type": "Feature", "properties": {"code": f"KA-L{k + 1:02d}", "name": name, "district": built[ai]["district"],
                                                           "area_type": kind},
                         "geometry": {"type": "LineString", "coordinates": [to_lonlat((cx + dx, cy + dy)) for dx, dy in offsets]}})
    return features, incidents(rng, areas, built), inspections(rng, areas)


def centre_of(ring):
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def spread(ring):
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(xs) - min(xs), max(ys) - min(ys)


HEADERS = ["工单编号", "受理时间", "问题类型", "诉求内容", "地址", "经度", "纬度", "坐标系", "来源渠道", "处置时限", "办结时间"]


def incidents(rng, areas, built):
    start, days = datetime(2016, 1, 1), (datetime(2020, 12, 31) - datetime(2016, 1, 1)).days
    cases = []
    for _ in range(2400):
        reported = start + timedelta(days=rng.randrange(days + 1), minutes=rng.randrange(7 * 60, 21 * 60))
        if rng.random() < 0.65:
            area = rng.choice(areas)
            kind = rng.choice(LIKELY[area["type"]]) if rng.random() < 0.8 else rng.choice(KINDS)
            x, y = area["x"] + rng.uniform(-0.9, 0.9) * area["half"], area["y"] + rng.uniform(-0.9, 0.9) * area["half"]
            address = area["name"] if rng.random() < 0.5 else f"{area['name']}附近"
        else:
            b = rng.choice(built)
            cx, cy = centre_of(b["ring"])
            while True:
                x, y = cx + rng.uniform(-0.5, 0.5) * spread(b["ring"])[0], cy + rng.uniform(-0.5, 0.5) * spread(b["ring"])[1]
                if point_in_ring((x, y), b["ring"]):
                    break
            area, kind, address = None, rng.choice(KINDS), f"{b['name']}{rng.randint(1, 300)}号附近"
        roll = rng.random()
        # Most closed within a day or two, some weeks late, a few never.
        hours = None if roll < 0.02 else round(math.exp(rng.gauss(math.log(18), 0.9)) * (12 if roll < 0.07 else 1), 2)
        cases.append((reported, kind, address, (x, y), hours, area))
    chronic = next(a for a in areas if a["name"] == "南门农贸市场")
    for text, hours in CHRONIC:
        x, y = chronic["x"] + rng.uniform(-0.8, 0.8) * chronic["half"], chronic["y"] + rng.uniform(-0.8, 0.8) * chronic["half"]
        cases.append((datetime.strptime(text, "%Y-%m-%d %H:%M"), "占道经营", chronic["name"], (x, y), hours, chronic))
    cases.sort(key=lambda c: c[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for n, (reported, kind, address, (x, y), hours, area) in enumerate(cases):
        lon, lat = to_lonlat((x, y))
        roll = rng.random()
        if area is not None and address == area["name"] and roll < 0.06:
            lon_text = lat_text = system = ""  # told by phone: the address is all there is
        else:
            system = "高德" if roll < 0.5 else ("百度" if roll < 0.7 else "GPS")
            shifted = gcj02(lon, lat) if system == "高德" else (bd09(lon, lat) if system == "百度" else (lon, lat))
            lon_text, lat_text = f"{shifted[0]:.6f}", f"{shifted[1]:.6f}"
        channel = rng.choices(["热线", "信箱", "巡查", "视频", "暗访", "媒体"], [60, 8, 18, 8, 4, 2])[0]
        deadline = (reported + timedelta(hours=rng.choice([12, 24, 48]))).strftime("%Y-%m-%d %H:%M") if rng.random() < 0.1 else ""
        closed = (reported + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S") if hours is not None else ""
        writer.writerow([f"RX{reported:%Y%m%d}{n + 1:05d}", reported.strftime("%Y-%m-%d %H:%M:%S"), kind, TEXT[kind],
                         address, lon_text, lat_text, system, channel, deadline, closed])
    return "\ufeff" + out.getvalue()


def inspections(rng, areas):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["检查编号", "重点区域", "检查日期", "检查方式", "得分", "发现问题数"])
    n = 0
    for year in range(2016, 2021):
        for month in range(1, 13):
            for area in areas:
                n += 1
                method = rng.choices(["明查", "暗访", "第三方测评"], [5, 3, 2])[0]
                score = max(40.0, min(100.0, rng.gauss(84 if area["district"] == "530302" else 80, 7)))
                writer.writerow([f"IN-{n:05d}", area["code"], f"{year}-{month:02d}-{rng.randint(1, 25):02d}", method,
                                 f"{score:.1f}", max(0, int(rng.gauss((100 - score) / 5, 1.5)))])
    return "\ufeff" + out.getvalue()
