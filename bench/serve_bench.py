#!/usr/bin/env python3
"""Benchmark: `habitat serve` under load, beside pygeoapi serving the same GeoPackage.

    serve_bench.py --habitat PATH --shared ../shared [--scale 10] [--duration 20] [--connections 32]

The scale-S city of shared/bench/gen_city.py (built-up areas, parks, residential land) in a
project file (kept in bench-data/); items requests with a random 0.01° bbox and limit=100 over the
city (shared/bench/pygeoapi/bbox.lua), from wrk on loopback: 32 connections, 2 threads, 20 s.
The same requests against pygeoapi (PyPI, in its own venv made with Debian's python3, whose
sqlite3 loads mod_spatialite) serving the same layers through its SQLiteGPKG provider under
gunicorn with 2 workers. Prints requests per second and p50/p99 latency of both, and their ratio
(target: habitat >= 5x pygeoapi's throughput, p99 under 100 ms).
"""
import argparse, os, re, shutil, signal, subprocess, sys, time, urllib.request
from common import city, project

PYGEOAPI = "pygeoapi==0.21.0"
GUNICORN = "gunicorn==23.0.0"


def wait_for(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def load(url, script, duration, connections):
    """wrk's requests per second, p50/p99 latency in ms, and the requests that failed (an answer
    other than 2xx/3xx, or none within wrk's 10 s timeout)."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", "-s", script, url],
                         check=True, capture_output=True, text=True).stdout
    def found(pattern):
        match = re.search(pattern, out)
        if match is None:
            raise SystemExit(f"wrk's report on {url} lacks {pattern!r}:\n{out}")
        return match.group(1)
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]
    rate = float(found(r"Requests/sec:\s+([\d.]+)"))
    p50 = ms(found(r"50%\s+(\d\S*)"))
    p99 = ms(found(r"99%\s+(\d\S*)"))
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    failed += sum(int(n) for n in re.findall(r"timeout (\d+)", out))
    return rate, p50, p99, failed


def habitat_run(habitat, path, script, args):
    server = subprocess.Popen([habitat, "serve", path, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().rsplit(":", 1)[1])
        url = f"http://127.0.0.1:{port}"
        wait_for(url + "/collections")
        return load(url, script, args.duration, args.connections)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def pygeoapi_run(path, data, shared, script, args):
    venv = os.path.join("bench-data", "pygeoapi-venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        print(f"installing {PYGEOAPI} in {venv} ...", file=sys.stderr)
        subprocess.run(["/usr/bin/python3", "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", PYGEOAPI, GUNICORN], check=True)
    peer = os.path.abspath(os.path.join(data, "peer.gpkg"))
    if not os.path.exists(peer):
        for index, layer in enumerate(("parks", "residential")):
            subprocess.run(["ogr2ogr", "-f", "GPKG", *(["-update"] if index else []), peer, path, layer,
                            "-t_srs", "EPSG:4326", "-nln", layer], check=True)
    folder = os.path.abspath(os.path.join("bench-data", "pygeoapi"))
    os.makedirs(folder, exist_ok=True)
    config = os.path.join(folder, "config.yml")
    with open(os.path.join(shared, "bench", "pygeoapi", "config.yml"), encoding="utf-8") as source:
        text = source.read().replace("PEER_GPKG", peer).replace("port: 5000", f"port: {args.peer_port}") \
            .replace("127.0.0.1:5000", f"127.0.0.1:{args.peer_port}")
    with open(config, "w", encoding="utf-8") as target:
        target.write(text)
    openapi = os.path.join(folder, "openapi.yml")
    env = dict(os.environ, PYGEOAPI_CONFIG=config, PYGEOAPI_OPENAPI=openapi)
    subprocess.run([os.path.join(venv, "bin", "pygeoapi"), "openapi", "generate", config, "--output-file", openapi],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([os.path.join(venv, "bin", "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{args.peer_port}",
                               "pygeoapi.flask_app:APP"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{args.peer_port}"
        wait_for(url + "/collections?f=json")
        return load(url, script, args.duration, args.connections)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--habitat", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--peer-port", type=int, default=5077)
    parser.add_argument("--skip-peer", action="store_true", help="habitat alone")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    script = os.path.join(args.shared, "bench", "pygeoapi", "bbox.lua")
    data = city(args.shared, args.scale)
    path = project(args.habitat, data, "serve.gpkg")

    print(f"serve: items?bbox (random 0.01°) &limit=100 on the scale-{args.scale} city, "
          f"wrk {args.connections} connections {args.duration} s")
    rate, p50, p99, failed = habitat_run(args.habitat, path, script, args)
    print(f"  habitat serve   {rate:9.1f} req/s   p50 {p50:8.1f} ms   p99 {p99:8.1f} ms   failed {failed}   (target p99 < 100 ms)")
    if args.skip_peer:
        return
    peer_rate, peer_p50, peer_p99, peer_failed = pygeoapi_run(path, data, args.shared, script, args)
    print(f"  pygeoapi        {peer_rate:9.1f} req/s   p50 {peer_p50:8.1f} ms   p99 {peer_p99:8.1f} ms   failed {peer_failed}")
    print(f"  throughput ratio habitat/pygeoapi: {rate / peer_rate:.1f}x (target >= 5x)")


if __name__ == "__main__":
    main()
