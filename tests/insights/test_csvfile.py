"""CSV export: quoting, UTF-8 with a byte-order mark, no formulas."""

import csv
import io

from kb.insights.csvfile import csv_bytes


def test_excel_friendly_utf8_with_bom_and_crlf():
    data = csv_bytes(["Запрос", "Поиски"], [["перевод звонка", 3]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "Запрос,Поиски\r\nперевод звонка,3\r\n"


def test_commas_quotes_and_line_breaks_are_quoted():
    rows = [["a, b", 'say "hi"', "two\nlines", None]]
    text = csv_bytes(["x", "y", "z", "w"], rows).decode("utf-8-sig")
    assert text.splitlines()[1].startswith('"a, b","say ""hi""","two')
    assert list(csv.reader(io.StringIO(text)))[1] == ["a, b", 'say "hi"', "two\nlines", ""]


def test_text_that_looks_like_a_formula_stays_text():
    text = csv_bytes(["q"], [['=HYPERLINK("http://x")'], ["+1"], ["@sum"], ["-2"], [-2]])
    cells = [r[0] for r in csv.reader(io.StringIO(text.decode("utf-8-sig")))]
    assert cells == ["q", '\'=HYPERLINK("http://x")', "'+1", "'@sum", "'-2", "-2"]
