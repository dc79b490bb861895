#!/usr/bin/env python3
"""Benchmark: county editors changing the project through `habitat serve` while readers page.

    edit_bench.py --habitat PATH [--editors 10] [--edits 100] [--uploads 5] [--readers 50]

A project of its own (in bench-data/edits/) with ten districts side by side, a park in each, and
an account per district. On loopback, each editor (a thread, one keep-alive connection) makes its
`--edits` edits of its own district's parks — creates, PATCHes, PUTs, DELETEs, in a fixed order —
and `--uploads` uploads of a 20-park survey, while `--readers` readers page through
/collections/parks/items (limit 50, following the next links) until the editors are done.
Bounded: the work is fixed, not the time. Fails on any 5xx or unexpected status; then applies the
same edits one editor after another (one client) to a second copy and compares the parks layer and
its history with SQLite (geometry, values and every version's change, not the times). Prints
requests, their rate, and p50/p99 latency of edits, uploads and reads.
"""
import argparse, http.client, json, os, shutil, sqlite3, subprocess, sys, threading, time

DISTRICTS = ["530302", "530303", "530304", "530381", "530322", "530323", "530324", "530325", "530326", "经开区"]
PASSWORD = "bench-password"


def square(x, y, side):
    return [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]]


def district_box(index):
    """District `index`'s outline: 0.04° squares, five to a row, around Qujing."""
    return 103.70 + (index % 5) * 0.04, 25.44 + (index // 5) * 0.04


def make_project(habitat, path, districts):
    folder = os.path.dirname(path)
    if os.path.exists(path):
        os.remove(path)
    features = lambda items: json.dumps({"type": "FeatureCollection", "features": items}, ensure_ascii=False)
    outlines = [{"type": "Feature", "properties": {"code": code, "name": code},
                 "geometry": {"type": "Polygon", "coordinates": square(*district_box(i), 0.04)}} for i, code in enumerate(districts)]
    parks = [{"type": "Feature", "properties": {"code": f"P{i}", "name": f"公园{i}", "class": "G11", "district": code},
              "geometry": {"type": "Polygon", "coordinates": square(district_box(i)[0] + 0.001, district_box(i)[1] + 0.001, 0.002)}}
             for i, code in enumerate(districts)]
    run = lambda *args, stdin=None: subprocess.run([habitat, *args], check=True, stdout=subprocess.DEVNULL, input=stdin, text=True)
    run("init", path, "--crs", "EPSG:4544")
    for layer, items in (("districts", outlines), ("parks", parks)):
        source = os.path.join(folder, f"{layer}.geojson")
        with open(source, "w", encoding="utf-8") as out:
            out.write(features(items))
        run("import", path, layer, source)
    for code in districts:
        run("account", "add", path, f"county-{code}", "--district", code)
        run("account", "password", path, f"county-{code}", stdin=PASSWORD + "\n")


def plan(index, code, edits, uploads):
    """The editor's requests, in order: (method, path, body, expected status, kind)."""
    x, y = district_box(index)
    def park(number, name, dx=0.0):
        # A 30 x 30 grid of 0.0012° cells inside the district: edits from its first rows, uploads from row 16.
        column, row = number % 30, number // 30 % 30
        return {"type": "Feature", "properties": {"name": name, "class": "G14"},
                "geometry": {"type": "Polygon", "coordinates": square(x + 0.004 + column * 0.0012 + dx, y + 0.004 + row * 0.0012, 0.0005)}}
    steps, alive = [], []
    for n in range(edits):
        kind = n % 5
        if kind in (0, 3) or not alive:
            feature = park(n, f"游园{code}-{n}")
            feature["id"] = f"E{index}-{n}"
            steps.append(("POST", "/collections/parks/items", feature, 201, "edit"))
            alive.append((f"E{index}-{n}", n))
        elif kind == 1:
            target, number = alive[-1]
            steps.append(("PATCH", f"/collections/parks/items/{target}", {"type": "Feature", "properties": {"name": f"改名{n}"}}, 200, "edit"))
        elif kind == 2:
            target, number = alive[0]
            feature = park(number, f"重绘{n}", dx=0.0001)
            steps.append(("PUT", f"/collections/parks/items/{target}", feature, 200, "edit"))
        else:
            target, _ = alive.pop(0)
            steps.append(("DELETE", f"/collections/parks/items/{target}", None, 204, "edit"))
    for u in range(uploads):
        survey = [park(500 + u * 20 + i, f"普查{code}-{u}-{i}") for i in range(20)]
        for i, feature in enumerate(survey):
            feature["properties"]["code"] = f"U{index}-{u}-{i}"
        steps.insert((u + 1) * len(steps) // (uploads + 1),
                     ("UPLOAD", f"/collections/parks/uploads?name=survey-{u}.geojson", {"type": "FeatureCollection", "features": survey}, 201, "upload"))
    return steps


class Client:
    def __init__(self, port):
        self.port, self.connection = port, http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)


def sign_in(port, code):
    status, body = Client(port).request("POST", "/login", json.dumps({"name": f"county-{code}", "password": PASSWORD}),
                                        {"Content-Type": "application/json"})
    assert status == 200, (status, body)
    return json.loads(body)["token"]


def run_editor(port, token, steps, timings, failures):
    client = Client(port)
    auth = {"Authorization": f"Bearer {token}"}
    for method, path, body, expected, kind in steps:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        headers = dict(auth, **({"Content-Type": "application/octet-stream" if method == "UPLOAD" else "application/geo+json"} if data else {}))
        start = time.perf_counter()
        status, answer = client.request("POST" if method == "UPLOAD" else method, path, data, headers)
        timings[kind].append(time.perf_counter() - start)
        if status >= 500:
            server_errors.append(status)
        if status != expected:
            failures.append(f"{method} {path}: {status} (expected {expected}) {answer[:300]!r}")


def run_reader(port, token, done, timings, failures):
    client = Client(port)
    auth = {"Authorization": f"Bearer {token}"}
    while not done.is_set():
        path = "/collections/parks/items?limit=50"
        while path and not done.is_set():
            start = time.perf_counter()
            status, body = client.request("GET", path, headers=auth)
            timings["read"].append(time.perf_counter() - start)
            if status >= 500:
                server_errors.append(status)
            if status != 200:
                failures.append(f"GET {path}: {status} {body[:200]!r}")
                break
            links = [link["href"] for link in json.loads(body).get("links", []) if link.get("rel") == "next"]
            path = links[0].split(f"127.0.0.1:{port}", 1)[-1] if links else None


def serve(habitat, path):
    server = subprocess.Popen([habitat, "serve", path, "--port", "0"], stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().rsplit(":", 1)[1])
    return server, port


def state(path):
    db = sqlite3.connect(path)
    parks = db.execute("SELECT code, name, class, district, hex(geom) FROM parks ORDER BY code").fetchall()
    history = db.execute("SELECT code, name, change, hex(geom) FROM parks_history ORDER BY code, valid_from").fetchall()
    return parks, history


server_errors = []


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--habitat", required=True)
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--uploads", type=int, default=5)
    parser.add_argument("--readers", type=int, default=50)
    args = parser.parse_args()
    habitat = os.path.abspath(args.habitat)
    districts = DISTRICTS[:args.editors]
    folder = os.path.join("bench-data", "edits")
    os.makedirs(folder, exist_ok=True)
    concurrent, serial = os.path.join(folder, "concurrent.gpkg"), os.path.join(folder, "serial.gpkg")
    make_project(habitat, concurrent, districts)
    shutil.copy(concurrent, serial)
    plans = [plan(i, code, args.edits, args.uploads) for i, code in enumerate(districts)]

    server, port = serve(habitat, concurrent)
    timings, failures, done = {"edit": [], "upload": [], "read": []}, [], threading.Event()
    try:
        tokens = [sign_in(port, code) for code in districts]
        readers = [threading.Thread(target=run_reader, args=(port, tokens[i % len(tokens)], done, timings, failures)) for i in range(args.readers)]
        editors = [threading.Thread(target=run_editor, args=(port, tokens[i], plans[i], timings, failures)) for i in range(len(districts))]
        start = time.perf_counter()
        for thread in readers + editors:
            thread.start()
        for thread in editors:
            thread.join()
        elapsed = time.perf_counter() - start
        done.set()
        for thread in readers:
            thread.join()
    finally:
        server.terminate()
        server.wait()

    # The same edits, one editor after another, by one client.
    server, port = serve(habitat, serial)
    try:
        for i, code in enumerate(districts):
            run_editor(port, sign_in(port, code), plans[i], {"edit": [], "upload": [], "read": []}, failures)
    finally:
        server.terminate()
        server.wait()

    requests = sum(len(v) for v in timings.values())
    print(f"edits under load: {len(districts)} editors x ({args.edits} edits + {args.uploads} uploads), {args.readers} readers; "
          f"{requests} requests in {elapsed:.1f} s ({requests / elapsed:.0f}/s)")
    for kind in ("edit", "upload", "read"):
        print(f"  {kind:6} {len(timings[kind]):6} requests  p50 {percentile(timings[kind], 0.5):7.1f} ms  p99 {percentile(timings[kind], 0.99):7.1f} ms")
    same = state(concurrent) == state(serial)
    parks, history = state(concurrent)
    print(f"  5xx answers: {len(server_errors)}")
    print(f"  final parks {len(parks)}, history versions {len(history)}; equal to the edits applied one by one: {'yes' if same else 'NO'}")
    for failure in failures[:20]:
        print("  failed:", failure, file=sys.stderr)
    if failures or server_errors or not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
