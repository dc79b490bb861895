"""The figures workbook as a county fills it, with openpyxl (independent of habitat's writer and reader).

fill TEMPLATE OUT COUNTY SEED  types figures into the blank cells: on the greening sheet, the county's
    row (its two status texts and this month's investment); on the housing sheet, every blank cell of
    every row but 1-7合计 and, in the columns its three kinds fill, 1、公共租赁住房小计 (说明 4: the
    subtotal of 新建改建, 购买 and 长期租赁). Prints what it typed: {sheet: {cell: value}}.
read XLSX  prints every sheet's cell values as a list of rows, merged cells as their top-left value.
"""
import json
import random
import sys

import openpyxl


def fill(template, out, county, seed):
    rng = random.Random(int(seed))
    book = openpyxl.load_workbook(template)
    greening, housing = book.worksheets
    typed = {greening.title: {}, housing.title: {}}
    for row in greening.iter_rows():
        if row[0].value == county:
            values = [f"{county}已申报省级园林城市（{seed}）", "编制中", round(rng.uniform(0, 500), 2)]
            for cell, value in zip(row[1:4], values):
                cell.value = value
                typed[greening.title][cell.coordinate] = value
    labels = {row[0].value: row[0].row for row in housing.iter_rows() if row[0].value}
    kinds = [labels[label] for label in ("其中：新建改建", "购买", "长期租赁")]
    subtotal = labels["1、公共租赁住房小计"]
    for row in housing.iter_rows(min_row=labels["1、公共租赁住房小计"], max_row=labels["廉租住房租赁补贴"]):
        for cell in row[1:]:
            if cell.value is not None:
                continue  # ——: the form asks nothing there
            if cell.row == subtotal and any(housing.cell(kind, cell.column).value is None for kind in kinds):
                continue
            header = " ".join(str(housing.cell(r, cell.column).value or "") for r in range(4, 9))
            amount = any(word in header for word in ("投资", "面积"))
            # 其中 cells within the cells they are part of: the resettlement kinds (D-G) and rebuilt
            # starts (J) below their row's totals, 其中：城中村 below 4、城市棚户区.
            part = cell.column_letter in "DEFGJ"
            scale = {labels["4、城市棚户区"]: 100, labels["其中：城中村"]: 1}.get(cell.row, 10)
            value = (round(rng.uniform(50 * scale, 100 * scale), 2) if amount
                     else rng.randint(scale, 10 * scale) if part else rng.randint(50 * scale, 100 * scale))
            cell.value = value
            typed[housing.title][cell.coordinate] = value
    book.save(out)
    print(json.dumps(typed, ensure_ascii=False))


def read(path):
    book = openpyxl.load_workbook(path)
    print(json.dumps({sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets},
                     ensure_ascii=False))


if __name__ == "__main__":
    {"fill": fill, "read": read}[sys.argv[1]](*sys.argv[2:])
