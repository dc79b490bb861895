"""scikit-learn's DBSCAN on the points of a CSV (x,y per line), printing the labels as JSON.

    python sklearn_dbscan.py POINTS.csv EPS MIN_SAMPLES
"""
import json
import sys

import numpy as np
from sklearn.cluster import DBSCAN

points = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
labels = DBSCAN(eps=float(sys.argv[2]), min_samples=int(sys.argv[3]), metric="euclidean").fit(points).labels_
print(json.dumps([int(label) for label in labels]))
