# habitat — make demo | make test | make bench
# Each target first installs what a fresh Debian 12 machine lacks: the C libraries and GDAL's
# tools through apt, and the Python peers (geopandas) in .venv.

SHELL := /bin/bash
APT_PACKAGES := libgeos-dev libproj-dev libgdal-dev libxlsxwriter-dev gdal-bin pkg-config python3-gdal python3-venv libjs-leaflet chromium python3-qgis \
	libreoffice-calc-nogui fonts-noto-cjk poppler-utils zip postgresql postgresql-15-postgis-3
VENV := .venv
PYTHON := $(VENV)/bin/python
SHARED ?= ../shared
HABITAT := .build/release/habitat

.PHONY: all deps apt venv demo test bench clean

all: demo

deps: apt venv

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

demo: apt
	swift build -c release --product habitat
	$(HABITAT) coverage --parks geodata/parks.geojson --residential geodata/residential.geojson \
		--built-up geodata/built_up.geojson --crs EPSG:4544 --out out
	rm -f out/sample.gpkg
	$(HABITAT) init out/sample.gpkg --crs EPSG:4544 --name "habitat sample city"
	$(HABITAT) import out/sample.gpkg built_up_areas geodata/built_up.geojson
	$(HABITAT) import out/sample.gpkg parks geodata/parks.geojson
	$(HABITAT) import out/sample.gpkg green_spaces geodata/green_spaces.geojson
	$(HABITAT) import out/sample.gpkg canopy geodata/canopy.geojson
	$(HABITAT) import out/sample.gpkg residential geodata/residential.geojson
	$(HABITAT) import out/sample.gpkg old_factories geodata/old_factories.geojson
	$(HABITAT) import out/sample.gpkg urban_villages geodata/urban_villages.geojson
	$(HABITAT) import out/sample.gpkg old_residential geodata/old_residential.geojson
	$(HABITAT) import out/sample.gpkg key_areas geodata/key_areas.geojson
	$(HABITAT) grid out/sample.gpkg --cell 100
	$(HABITAT) import out/sample.gpkg incidents geodata/incidents.csv
	$(HABITAT) import out/sample.gpkg inspections geodata/inspections.csv
	$(HABITAT) layers out/sample.gpkg
	$(HABITAT) coverage out/sample.gpkg --out out/sample
	$(HABITAT) indicators out/sample.gpkg --year 2020 --out out/sample
	$(HABITAT) suggest out/sample.gpkg --k 5 --out out/sample/suggest
	$(HABITAT) plan import out/sample.gpkg geodata/plans
	$(HABITAT) import out/sample.gpkg old_factories geodata/old_factories_2018.geojson
	$(HABITAT) import out/sample.gpkg urban_villages geodata/urban_villages_2018.geojson
	$(HABITAT) incidents out/sample.gpkg --month 2018-12 --out out/sample/incidents
	for form in greening factories residential villages incidents; do \
		$(HABITAT) report out/sample.gpkg $$form --month 2018-12 --out out/sample/forms || exit 1; done

test: deps
	swift build --build-tests
	# The tests of projects in PostGIS use a throwaway server, stopped and removed when they end.
	HABITAT_PYTHON=$(abspath $(PYTHON)) tools/with-postgres.sh swift test
	HABITAT=$$(swift build --show-bin-path)/habitat $(PYTHON) tools/run_notebooks.py notebooks/*.ipynb

bench: deps
	swift build -c release --product habitat
	$(PYTHON) bench/coverage_bench.py --habitat $(HABITAT) --shared $(SHARED) --scale $${SCALE:-10}
	$(PYTHON) bench/survey_bench.py --habitat $(HABITAT) --rows 10000
	$(PYTHON) bench/suggest_bench.py --habitat $(HABITAT) --shared $(SHARED) --scale $${SCALE:-10}
	tools/with-postgres.sh $(PYTHON) bench/postgis_bench.py --habitat $(abspath $(HABITAT)) --shared $(SHARED) --scale $${SCALE:-10}
	$(MAKE) apt APT_PACKAGES="wrk libsqlite3-mod-spatialite"
	$(PYTHON) bench/serve_bench.py --habitat $(HABITAT) --shared $(SHARED) --scale $${SCALE:-10}
	$(PYTHON) bench/edit_bench.py --habitat $(HABITAT)

clean:
	rm -rf .build out bench-data
