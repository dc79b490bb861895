"""Opens GeoPackage layers in QGIS (headless) as a user would, and reports what QGIS made of each
layer's default style in `layer_styles`: renderer, categories or rules with their colours, field
aliases. With --render PNG, draws the layers (first named on top) and counts the pixels of each
colour the styles use.

    qgis_styles.py FILE.gpkg LAYER... [--render OUT.png]   -> JSON on stdout
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsMarkerSymbol,  # noqa: E402
                       QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

args = sys.argv[1:]
render = None
if "--render" in args:
    at = args.index("--render")
    render = args[at + 1]
    args = args[:at] + args[at + 2:]
path, names = args[0], args[1:]

app = QgsApplication([], False)
app.initQgis()


def rgb(symbol):
    color = symbol.color()
    return [color.red(), color.green(), color.blue()]


report, layers = {}, []
for name in names:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        sys.exit(f"{path}: QGIS cannot open {name}")
    renderer = layer.renderer()
    entry = {"features": layer.featureCount(), "renderer": renderer.type() if renderer else None,
             "aliases": {field.name(): layer.attributeAlias(index) for index, field in enumerate(layer.fields())}}
    if renderer and renderer.type() == "categorizedSymbol":
        entry["field"] = renderer.classAttribute()
        entry["classes"] = [{"value": c.value(), "label": c.label(), "color": rgb(c.symbol()),
                             "marker": isinstance(c.symbol(), QgsMarkerSymbol)} for c in renderer.categories()]
    elif renderer and renderer.type() == "RuleRenderer":
        entry["classes"] = [{"filter": r.filterExpression(), "label": r.label(), "color": rgb(r.symbol())}
                            for r in renderer.rootRule().children()]
    elif renderer and renderer.type() == "singleSymbol":
        symbol = renderer.symbol()
        marker = isinstance(symbol, QgsMarkerSymbol)
        entry["classes"] = [{"color": rgb(symbol), "marker": marker, "fill": marker or symbol.symbolLayer(0).brushStyle() != 0}]
    report[name] = entry
    layers.append(layer)

if render:
    extent = QgsRectangle()
    for layer in layers:
        if layer.featureCount() > 0:
            extent.combineExtentWith(layer.extent())
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(extent.buffered(extent.width() * 0.02))
    settings.setOutputSize(QSize(1200, 1000))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(render, "png")
    counts = {}
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = QColor(image.pixel(x, y))
            key = f"{pixel.red()},{pixel.green()},{pixel.blue()}"
            counts[key] = counts.get(key, 0) + 1
    report["pixels"] = counts

print(json.dumps(report, ensure_ascii=False))
