"""`geo eval toponyms`: the three gold formats (development-set accuracy: benchmarks/eval_places.py)."""

import json

import pytest

from geo.places import load_gazetteer
from geo.places.evaluate import evaluate, read_gold

TEXT = "Troops moved from Mosul to Baghdad."
GWN = f"""<?xml version="1.0"?><articles><article file="0"><title>t</title><text>{TEXT}</text>
<toponyms><toponym><extractedName>Mosul</extractedName><start>18</start><end>23</end>
<latitude>36.335</latitude><longitude>43.119</longitude></toponym>
<toponym><extractedName>Baghdad</extractedName><start>27</start><end>34</end>
<latitude>33.34</latitude><longitude>44.40</longitude></toponym>
<toponym><extractedName>Troops</extractedName><start>0</start><end>6</end></toponym>
</toponyms></article></articles>"""
LGL = f"""<articles><article docid="1"><text>{TEXT}</text><toponyms>
<toponym><start>18</start><end>23</end><phrase>Mosul</phrase><gaztag geonameid="99072">
<name>Mosul</name><lat>36.335</lat><lon>43.119</lon></gaztag></toponym>
<toponym><start>27</start><end>34</end><phrase>Baghdad</phrase><gaztag geonameid="98182">
<name>Baghdad</name><lat>33.34</lat><lon>44.40</lon></gaztag></toponym></toponyms></article></articles>"""
JSONL = json.dumps({"text": TEXT, "toponyms": [{"start": 18, "end": 23, "lat": 36.335, "lon": 43.119},
                                                {"start": 27, "end": 34, "lat": 33.34, "lon": 44.40}]})


@pytest.mark.parametrize("name,content", [("g.xml", GWN), ("l.xml", LGL), ("g.jsonl", JSONL)])
def test_formats_score_perfectly_on_easy_text(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    docs = read_gold(path)
    assert len(docs) == 1 and len(docs[0].toponyms) == 2
    scores = evaluate(docs, load_gazetteer())
    assert scores["recognition"]["f1"] == 1.0
    assert scores["resolution_end_to_end"]["acc@161km"] == 1.0
    assert scores["resolution_given_gold_spans"]["acc@25km"] == 1.0


def test_wrong_place_lowers_accuracy(tmp_path):
    bad = JSONL.replace("44.4", "4.4")
    path = tmp_path / "b.jsonl"
    path.write_text(bad, encoding="utf-8")
    scores = evaluate(read_gold(path), load_gazetteer())
    assert scores["resolution_end_to_end"]["acc@161km"] == 0.5


def test_errors_file_lists_each_miss_with_its_context(tmp_path, capsys):
    import csv

    from geo.cli import main
    gold = tmp_path / "b.jsonl"
    # Baghdad's gold point moved far away, and a gold span the recogniser does not find
    gold.write_text(json.dumps({"text": TEXT, "toponyms": [
        {"start": 18, "end": 23, "lat": 36.335, "lon": 43.119},
        {"start": 27, "end": 34, "lat": 33.34, "lon": 4.40},
        {"start": 0, "end": 6, "lat": 1.0, "lon": 1.0}]}), encoding="utf-8")
    out = tmp_path / "errors.csv"
    assert main(["eval", "toponyms", str(gold), "--errors", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    kinds = sorted((r["error"], r["text"]) for r in rows)
    assert kinds == [("far", "Baghdad"), ("far_given", "Baghdad"), ("far_given", "Troops"),
                     ("missed", "Troops")]
    far = next(r for r in rows if r["error"] == "far")
    assert far["name"] == "Baghdad" and float(far["km"]) > 3000 and "Mosul to Baghdad" in far["context"]
    assert "acc@161km=0.500" in capsys.readouterr().out


def test_bad_gold_file_and_unwritable_errors_file_are_one_line_errors(tmp_path, capsys):
    from geo.cli import main
    binary = tmp_path / "bad.xml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["eval", "toponyms", str(binary)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    gold = tmp_path / "g.jsonl"
    gold.write_text(JSONL, encoding="utf-8")
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["eval", "toponyms", str(gold), "--errors", str(blocker / "e.csv")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("geo: error: cannot write") and "\n" not in err
