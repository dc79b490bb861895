#!/usr/bin/env python3
"""Runs each notebook with nbclient, from its own folder, and fails on the first cell that fails.

    HABITAT=/path/to/habitat python tools/run_notebooks.py notebooks/*.ipynb

The notebooks call the habitat binary named by HABITAT. Nothing is written back: the committed
notebooks stay without outputs.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(paths):
    if not os.environ.get("HABITAT"):
        sys.exit("set HABITAT to the habitat binary")
    failed = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, kernel_name="python3",
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        try:
            client.execute()
            print(f"{path}: {len(notebook.cells)} cells ran")
        except CellExecutionError as error:
            failed.append(path)
            print(f"{path}: a cell failed\n{error}", file=sys.stderr)
    # The closing line CI reads: how many notebooks ran through and how many did not.
    print(f"notebooks: {len(paths) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
