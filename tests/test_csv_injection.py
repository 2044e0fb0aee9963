"""CSV formula injection (OWASP): no cell of any CSV the tool writes starts a spreadsheet formula,
while numbers (negative longitudes included) stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from eventkit import day

from geo.api import Atlas, Layer
from geo.cli import main
from geo.export import events_frame, write_csv
from geo.model import Event, Place, SourceRef
from geo.pipeline import OUTPUTS, write_outputs
from geo.tables import FORMULA_STARTS, csv_text, safe_cell, unneutralise

ATTACKS = ["=1+1 Coalition aircraft struck Mosul.", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTab", "\rCR",
           "=HYPERLINK(\"http://example.invalid\",\"x\")"]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula(text: str) -> None:
    bad = [c for c in _cells(text) if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert bad == []


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_cells_get_an_apostrophe_and_read_back_exactly(text):
    assert safe_cell(text) == "'" + text
    assert unneutralise(safe_cell(text)) == text


@pytest.mark.parametrize("value", [-5.3, -5, 0, 12.5, "-5.3", "+7", "-1e3", "Mosul", "", "'quoted", None])
def test_numbers_and_plain_text_are_left_alone(value):
    expected = "" if value is None else value
    assert safe_cell(value) == expected
    if isinstance(value, str):
        assert unneutralise(safe_cell(value)) == value


def test_text_that_already_looks_neutralised_still_reads_back():
    assert safe_cell("'=x") == "''=x" and unneutralise("''=x") == "'=x"


def test_csv_text_numbers_stay_numbers():
    text = csv_text([{"name": "=cmd", "lon": -5.3, "lat": 36.0}], ["name", "lon", "lat"])
    assert text.splitlines()[1] == "'=cmd,-5.3,36.0"


def _atlas_with_attacks() -> Atlas:
    layers = {}
    for _, layer, fmt in OUTPUTS:
        columns = ["doc", "text", "lon"]
        rows = [{"doc": attack, "text": attack, "lon": -5.3} for attack in ATTACKS]
        layers[layer] = Layer(rows, columns, [None] * len(rows))
    return Atlas(documents=[], layers=layers)


def test_every_csv_of_a_build_is_neutralised(tmp_path):
    write_outputs(_atlas_with_attacks(), tmp_path, with_map=False)
    csv_files = sorted(tmp_path.glob("*.csv"))
    assert {p.name for p in csv_files} == {name for name, _, fmt in OUTPUTS if fmt == "csv"}
    for path in csv_files:
        text = path.read_bytes().decode("utf-8")  # keep the \r inside cells
        _assert_no_formula(text)
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [unneutralise(r["text"]) for r in rows] == ATTACKS
        assert {r["lon"] for r in rows} == {"-5.3"}


def test_export_csv_neutralises_evidence_and_keeps_negative_longitude(tmp_path):
    west = Place("user:w", "Westville", "town", "ES", 40.0, -5.3, "user")
    event = Event("e1", "airstrike", day("2015-05-05"), west, actor="Coalition",
                  evidence=ATTACKS[0], sources=(SourceRef("a.txt", 1),), place_text="Westville")
    path = write_csv(events_frame([event]), tmp_path / "events.csv")
    [row] = list(csv.DictReader(path.open(encoding="utf-8")))
    assert row["evidence"] == "'" + ATTACKS[0]
    assert row["lon"] == "-5.3" and row["lat"] == "40.0"


def test_build_events_csv_evidence_from_a_document(tmp_path, capsys):
    doc = tmp_path / "docs" / "report.txt"
    doc.parent.mkdir()
    doc.write_text("=1+1 Coalition aircraft struck Mosul on 5 May 2015.\n", encoding="utf-8")
    assert main(["build", str(doc), "--no-map", "--out", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["evidence"].startswith("'=1+1 Coalition aircraft struck Mosul")
    _assert_no_formula(text)
    _assert_no_formula((tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8"))


def test_places_command_neutralises_names_from_user_places(tmp_path, capsys):
    places = tmp_path / "mine.csv"
    places.write_text("place_id,name,aliases,kind,country,lat,lon,source_note\n"
                      'user:1,"=HYPERLINK(""http://example.invalid"")",Qqzville,town,ES,40.1,-5.3,test\n',
                      encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Troops entered Qqzville on Monday.", encoding="utf-8")
    assert main(["places", str(doc), "--places", str(places)]) == 0
    out = capsys.readouterr().out
    _assert_no_formula(out)
    [row] = [r for r in csv.DictReader(io.StringIO(out)) if r["text"] == "Qqzville"]
    assert row["name"] == "'=HYPERLINK(\"http://example.invalid\")" and row["lon"] == "-5.3"
