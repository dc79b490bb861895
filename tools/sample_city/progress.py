"""The programmes' progress as at the end of 2018, for the monthly forms.

Three files, each new, so that every file written before stays byte for byte as it was:

  old_residential.geojson      旧住宅区: the areas of OLD_RESIDENTIAL, each the outline of a
                               residential block of its built-up area, with households, 改造类型,
                               改造具体内容, planned years, 总体建设进度 and, when 已竣工, the date
  old_factories_2018.geojson   the old factories as the counties resent their survey at the end of
                               2018: each site as before, with 改造进度 and 改造完成日期 from
                               FACTORY_PROGRESS
  urban_villages_2018.geojson  the urban villages likewise, with 签约户数, 货币化安置户数, 进度 and
                               改造完成日期 from VILLAGE_PROGRESS

The figures are literal tables, so a form's figures follow from them by hand arithmetic (the tests
state them so). Which block each old residential area takes is the only random choice, from a stream
of its own.
"""
import copy
import random

# name, built-up area (index into the generator's AREAS), households, 改造类型, 改造具体内容,
# 计划开始改造年度, 计划改造完成年度, 总体建设进度, 竣工日期
OLD_RESIDENTIAL = [
    ("南关老街片区", 0, 120, "综合提升改造", "环境综合整治、配套设施完善", "2017-03", "2018-06", "已竣工", "2018-06-28"),
    ("文昌街住宅区", 0, 86, "综合提升改造", "房屋维修养护、建筑节能及供热采暖设施改造", "2018-01", "2018-12", "已竣工", "2018-12-15"),
    ("玄坛庙片区", 0, 240, "棚户区改造", "环境综合整治、房屋维修养护", "2018-04", "2019-10", "改造中", None),
    ("麒麟东苑", 0, 64, "综合提升改造", "配套设施完善", "2019-03", "2019-12", "前期", None),
    ("沾益老城片区", 1, 150, "棚户区改造", "环境综合整治、配套设施完善", "2017-06", "2018-11", "已竣工", "2018-11-20"),
    ("沾益西苑", 1, 48, "综合提升改造", "房屋维修养护", "2019-05", "2020-06", "未启动", None),
    ("西城老宅片区", 2, 132, "综合提升改造", "环境综合整治", "2018-02", "2018-12", "已竣工", "2018-12-05"),
    ("南城职工宿舍", 3, 72, "综合提升改造", "房屋维修养护、配套设施完善", "2018-05", "2019-05", "改造中", None),
]

# code -> 改造进度, 改造完成日期 (the sites not named stay 未启动)
FACTORY_PROGRESS = {
    "F-002": ("已完成", "2017-11-20"),
    "F-005": ("已完成", "2018-03-15"),
    "F-008": ("已完成", "2018-12-06"),
    "F-012": ("已完成", "2018-12-20"),
    "F-016": ("改造中", None),
    "F-020": ("改造中", None),
}

# code -> 签约户数, 货币化安置户数, 进度, 改造完成日期 (the villages not named: none signed yet)
VILLAGE_PROGRESS = {
    "UV-001": (86, 60, "已完成", "2018-12-12"),
    "UV-003": (120, 50, "征收中", None),
    "UV-004": (262, 180, "已完成", "2017-09-30"),
    "UV-006": (300, 200, "征收中", None),
    "UV-009": (344, 250, "已完成", "2018-12-01"),
    "UV-010": (70, 70, "已完成", "2018-05-20"),
}


def old_residential(seed, built, residential, residential_features):
    """The OLD_RESIDENTIAL areas, each on a plain residential block of its built-up area."""
    rng = random.Random(seed)
    taken = set()
    features = []
    for k, (name, area, households, kind, content, start, end, progress, completed) in enumerate(OLD_RESIDENTIAL):
        blocks = [i for i, block in enumerate(residential) if block.get("area") == area and block.get("plain") and i not in taken]
        block = rng.choice(blocks)
        taken.add(block)
        features.append({"type": "Feature", "properties": {
            "code": f"OR-{k + 1:03d}", "name": name, "district": built[area]["district"], "households": households,
            "renovation_type": kind, "renovation_content": content, "planned_start": start, "planned_end": end,
            "progress": progress, "completed": completed},
            "geometry": copy.deepcopy(residential_features[block]["geometry"])})
    return features


def resurveyed(features, progress, fields):
    """The sites as resent with their progress: each feature copied, `fields` taken from `progress`
    by code (None where a site is not named)."""
    out = []
    for f in features:
        f = copy.deepcopy(f)
        values = progress.get(f["properties"]["code"], (None,) * len(fields))
        f["properties"].update(zip(fields, values))
        out.append(f)
    return out


def build(seed, built, residential, collections):
    """The three new files' features, by file name (without .geojson)."""
    factories = resurveyed(collections["old_factories"], FACTORY_PROGRESS, ("status", "completed"))
    for f in factories:
        f["properties"]["status"] = f["properties"]["status"] or "未启动"
    villages = resurveyed(collections["urban_villages"], VILLAGE_PROGRESS,
                          ("signed_households", "cash_resettled", "status", "completed"))
    for v in villages:
        v["properties"]["signed_households"] = v["properties"]["signed_households"] or 0
        v["properties"]["cash_resettled"] = v["properties"]["cash_resettled"] or 0
        v["properties"]["status"] = v["properties"]["status"] or "未启动"
    return {
        "old_residential": old_residential(seed, built, residential, collections["residential"]),
        "old_factories_2018": factories,
        "urban_villages_2018": villages,
    }
