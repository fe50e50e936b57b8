"""CSV export of a report table: the same Table the page shows, UTF-8 with a BOM (so that
spreadsheet programs read accents right), one file per table."""
import csv
import io

from flask import Response

BOM = "\ufeff"


def table_csv(table, code_header="code"):
    """The table as CSV text: a code column first when the rows have codes; a suppressed
    count (None) is an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    headers = list(table.headers)
    if table.codes is not None:
        headers = [code_header] + headers
    writer.writerow(headers)
    for index, row in enumerate(table.rows):
        cells = ["" if cell is None else cell for cell in row]
        if table.codes is not None:
            cells = [table.codes[index]] + cells
        writer.writerow(cells)
    return BOM + out.getvalue()


def filename_for(report, table):
    who = f"organisation-{report.organisation.id}" if report.organisation is not None else "network"
    return f"tandem-report-{report.year}-{who}-{table.name}.csv"


def csv_response(report, table):
    response = Response(table_csv(table).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename_for(report, table)}"'
    return response
