"""`geo eval events`: gold CSV rows against built events, and event-location JSON lines."""

import csv
import json
from datetime import date

import pytest
from eventkit import PLACES, day

from geo.errors import InputError
from geo.events.evaluate import GoldEvent, read_gold_csv, score_events
from geo.events.evaluate_location import GoldSentence, read_gold_jsonl, score_locations
from geo.model import Event, SourceRef


def ev(doc, line, iso, place, etype="airstrike", precision="place"):
    return Event(f"{doc}-{line}-{place}", etype, day(iso), PLACES[place], actor="Coalition",
                 geo_precision=precision, sources=(SourceRef(doc, line),), place_text=place)


def gold(iso, location, lat=None, lon=None, doc="r1.md", line=None):
    return GoldEvent(date.fromisoformat(iso), location, lat, lon, doc=doc, line=line)


def test_a_match_needs_the_day_and_a_place_within_25_km():
    rows = [gold("2015-03-02", "Mosul", 36.30, 43.10, line=5),      # 5 km from the test point
            gold("2015-03-02", "Kirkuk", 35.47, 44.39, line=6),     # told, but a day late
            gold("2015-03-02", "Sinjar", 36.32, 41.87, line=7)]     # told at Tikrit: wrong place
    built = [ev("r1.md", 5, "2015-03-02", "Mosul"), ev("r1.md", 6, "2015-03-03", "Kirkuk"),
             ev("r1.md", 7, "2015-03-02", "Tikrit"), ev("r1.md", 9, "2015-03-02", "Iraq", precision="country")]
    errors: list[dict] = []
    scores = score_events(rows, built, errors)
    assert scores["recall"] == pytest.approx(1 / 3)
    # The country-level event is outside what precision counts; Kirkuk and Tikrit match nothing.
    assert scores["predicted"] == 3 and scores["precision"] == pytest.approx(1 / 3)
    assert scores["told"] == 3
    assert scores["date_accuracy"] == pytest.approx(2 / 3)
    assert scores["place_accuracy"] == pytest.approx(2 / 3)
    assert scores["country_level_events"] == 1
    kinds = sorted(e["error"] for e in errors)
    assert kinds == ["spurious", "spurious", "wrong_date", "wrong_place"]
    late = next(e for e in errors if e["error"] == "wrong_date")
    assert late["gold_location"] == "Kirkuk" and late["date_start"] == "2015-03-03" and late["line"] == 6


def test_without_a_point_the_normalised_name_must_agree():
    rows = [gold("2015-03-02", "al-Hit"), gold("2015-03-02", "Ramadi", doc="")]
    scores = score_events(rows, [ev("r1.md", 4, "2015-03-02", "Hit")])
    assert scores["recall"] == 0.5 and scores["precision"] == 1.0


def test_events_of_documents_the_gold_does_not_cover_are_not_spurious():
    rows = [gold("2015-03-02", "Mosul", 36.34, 43.13)]
    scores = score_events(rows, [ev("r1.md", 1, "2015-03-02", "Mosul"), ev("other.md", 1, "2015-03-02", "Hit")])
    assert scores["predicted"] == 1 and scores["precision"] == 1.0


def test_gold_csv_reads_either_date_column_and_rejects_bad_rows(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("date,location,lat,lon,event_type\n2015-01-02,Hit,33.64,42.83,battle\n", encoding="utf-8")
    (row,) = read_gold_csv(path)
    assert row.day == date(2015, 1, 2) and row.event_type == "battle" and row.lat == 33.64 and row.ref is None
    path.write_text("strike_date,location,lat,lon\n2015-02-30,Hit,,\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_gold_csv(path)
    path.write_text("when,where\n2015-01-02,Hit\n", encoding="utf-8")
    with pytest.raises(InputError, match="strike_date or date"):
        read_gold_csv(path)


SENTENCE = "Rebels shelled the market in Kirkuk, officials in Erbil said."


def test_location_is_right_when_the_triggers_event_names_the_marked_place():
    gold_sentence = GoldSentence("1", SENTENCE, (7, 14), ((29, 35),))
    right = Event("a", "attack", day("2015-01-01"), PLACES["Kirkuk"], place_text="Kirkuk", trigger=(7, 14))
    wrong = Event("b", "attack", day("2015-01-01"), PLACES["Erbil"], place_text="Erbil", trigger=(7, 14))
    other_cue = Event("c", "attack", day("2015-01-01"), PLACES["Erbil"], place_text="Erbil", trigger=(50, 54))
    errors: list[dict] = []
    assert score_locations([gold_sentence], [[right, other_cue]])["location_accuracy"] == 1.0
    scores = score_locations([gold_sentence], [[wrong, other_cue]], errors)
    assert scores["location_accuracy"] == 0.0 and scores["precision"] == 0.0
    assert errors[0]["error"] == "wrong_place" and errors[0]["gold_location"] == "Kirkuk"


def test_jsonl_gold_keeps_sentences_with_a_trigger(tmp_path):
    path = tmp_path / "g.jsonl"
    lines = [{"id": "1", "text": SENTENCE, "spans": [{"start": 7, "end": 14, "label": "VERB"},
                                                     {"start": 29, "end": 35, "label": "LOCATION"}]},
             {"id": "2", "text": "Nothing here.", "spans": []}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (only,) = read_gold_jsonl(path)
    assert only.trigger == (7, 14) and only.locations == ((29, 35),)
    path.write_text('{"text": 1, "spans": [{"start": "x"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_gold_jsonl(path)


def test_cli_builds_the_documents_beside_the_gold_and_writes_errors(tmp_path, capsys):
    from geo.cli import main
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "r1.md").write_text(
        "---\ndate: 2015-03-04\n---\n\nOn 3 March 2015, coalition aircraft bombed ISIL positions near Mosul.\n\n"
        "On 3 March 2015, coalition aircraft bombed an ISIL depot near Kirkuk.\n", encoding="utf-8")
    gold_csv = tmp_path / "gold.csv"
    gold_csv.write_text("strike_date,location,lat,lon,doc,line\n2015-03-03,Mosul,36.34,43.13,r1.md,5\n"
                        "2015-03-03,Sinjar,36.32,41.87,r1.md,9\n", encoding="utf-8")
    out = tmp_path / "errors.csv"
    assert main(["eval", "events", str(gold_csv), "--json", "--errors", str(out)]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["kind"] == "csv" and scores["documents"] == 1
    assert scores["recall"] == 0.5 and scores["precision"] == 0.5
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["error"] for r in rows) == ["missed", "spurious"]
    assert next(r for r in rows if r["error"] == "spurious")["place"] == "Kirkuk"


def test_cli_says_in_one_line_when_the_documents_are_missing(tmp_path, capsys):
    from geo.cli import main
    gold_csv = tmp_path / "gold.csv"
    gold_csv.write_text("date,location,lat,lon\n2015-03-03,Mosul,,\n", encoding="utf-8")
    assert main(["eval", "events", str(gold_csv)]) != 0
    assert "--docs" in capsys.readouterr().err


def test_cli_reads_each_sentence_as_its_own_document(tmp_path, capsys):
    from geo.cli import main
    text = "Coalition aircraft bombed ISIL positions near Mosul."
    other = "Coalition aircraft bombed ISIL positions near Mosul, far from Kirkuk."
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(i), "text": t, "spans": [
        {"start": 19, "end": 25, "label": "VERB"}, {"start": t.index(where), "end": t.index(where) + len(where),
                                                    "label": "LOCATION"}]})
        for i, (t, where) in enumerate([(text, "Mosul"), (other, "Kirkuk")])), encoding="utf-8")
    assert main(["eval", "events", str(path), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["kind"] == "jsonl" and scores["with_location"] == 2
    assert scores["trigger_recall"] == 1.0 and scores["location_accuracy"] == 0.5
