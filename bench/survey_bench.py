#!/usr/bin/env python3
"""Benchmark: importing a large factory survey (云南省旧厂区现状统计表) into a project.

    survey_bench.py --habitat PATH [--rows 10000]

Writes a deterministic CSV of ROWS factory sites around Qujing (GBK-encoded, as Excel on Chinese
Windows saves it, with 度分秒 positions and areas in 万平方米), then times `habitat init` and
`habitat import` as whole commands, and once more importing the same file (every row unchanged).
"""
import argparse, os, random, subprocess, sys, tempfile, time


def dms(value):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return f"{degrees}°{minutes}'{seconds:.2f}\""


def quoted(text):
    """A CSV field: quoted, its quotes doubled (度分秒 has a \" for seconds)."""
    return '"' + text.replace('"', '""') + '"'


def timed(command):
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{run.stderr}")
    return time.perf_counter() - start, run.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--habitat", required=True)
    ap.add_argument("--rows", type=int, default=10000)
    a = ap.parse_args()
    rng = random.Random(2016)
    classes = ["用地变更类", "拆旧建新类", "改造提升类"]
    lines = ["编号,厂区名称,厂房具体位置,控规是否覆盖,厂区总面积（万平方米）,建筑占地面积（万平方米）,改造类别,经度,纬度"]
    for i in range(a.rows):
        lon, lat = 103.6 + rng.random() * 0.5, 25.3 + rng.random() * 0.4
        area = round(0.1 + rng.random() * 3, 2)
        lines.append(f"F{i:05d},第{i}号厂区,城区{i % 50}号路,{'是' if i % 3 else '否'},{area},{round(area * 0.4, 2)},"
                     f"{classes[i % 3]},{quoted(dms(lon))},{quoted(dms(lat))}")
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "factories.csv")
        with open(source, "w", encoding="gbk") as f:
            f.write("\n".join(lines) + "\n")
        project = os.path.join(folder, "survey.gpkg")
        init, _ = timed([a.habitat, "init", project])
        first, said = timed([a.habitat, "import", project, "old_factories", source])
        again, said_again = timed([a.habitat, "import", project, "old_factories", source])
    print(f"\nsurvey import, {a.rows} rows (GBK CSV, 度分秒, approximate footprints):")
    print(f"  habitat init            {init:6.2f} s")
    print(f"  habitat import (new)    {first:6.2f} s   {said}")
    print(f"  habitat import (again)  {again:6.2f} s   {said_again}")


if __name__ == "__main__":
    main()
