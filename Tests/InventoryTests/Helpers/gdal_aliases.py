"""Reads a GeoPackage's field alternative names (aliases) with a newer GDAL than the system's 3.6:
the libgdal pyogrio bundles (3.7 and later read them from gpkg_data_columns). An independent
reader of what habitat writes in SQL.

    gdal_aliases.py FILE.gpkg LAYER...   -> {"LAYER": {"field": "alias", ...}, "gdal": "3.x.y"} on stdout
"""
import ctypes
import glob
import json
import os
import sys

import pyogrio

libs = glob.glob(os.path.join(os.path.dirname(pyogrio.__file__), os.pardir, "pyogrio.libs", "libgdal*"))
if not libs:
    sys.exit("pyogrio bundles no libgdal here")
gdal = ctypes.CDLL(libs[0])
gdal.GDALAllRegister()
gdal.GDALOpenEx.restype = ctypes.c_void_p
gdal.GDALOpenEx.argtypes = [ctypes.c_char_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
gdal.GDALDatasetGetLayerByName.restype = ctypes.c_void_p
gdal.GDALDatasetGetLayerByName.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
gdal.OGR_L_GetLayerDefn.restype = ctypes.c_void_p
gdal.OGR_L_GetLayerDefn.argtypes = [ctypes.c_void_p]
gdal.OGR_FD_GetFieldCount.argtypes = [ctypes.c_void_p]
gdal.OGR_FD_GetFieldDefn.restype = ctypes.c_void_p
gdal.OGR_FD_GetFieldDefn.argtypes = [ctypes.c_void_p, ctypes.c_int]
for name in ["OGR_Fld_GetNameRef", "OGR_Fld_GetAlternativeNameRef"]:
    getattr(gdal, name).restype = ctypes.c_char_p
    getattr(gdal, name).argtypes = [ctypes.c_void_p]

GDAL_OF_VECTOR = 4
dataset = gdal.GDALOpenEx(sys.argv[1].encode(), GDAL_OF_VECTOR, None, None, None)
if not dataset:
    sys.exit(f"{sys.argv[1]}: GDAL {pyogrio.__gdal_version_string__} cannot open it")
report = {"gdal": pyogrio.__gdal_version_string__}
for layer_name in sys.argv[2:]:
    layer = gdal.GDALDatasetGetLayerByName(dataset, layer_name.encode())
    if not layer:
        sys.exit(f"{sys.argv[1]}: no layer {layer_name}")
    definition = gdal.OGR_L_GetLayerDefn(layer)
    fields = [gdal.OGR_FD_GetFieldDefn(definition, i) for i in range(gdal.OGR_FD_GetFieldCount(definition))]
    report[layer_name] = {gdal.OGR_Fld_GetNameRef(f).decode(): (gdal.OGR_Fld_GetAlternativeNameRef(f) or b"").decode()
                          for f in fields}
print(json.dumps(report, ensure_ascii=False))
