"""A user's new documents, one per format, through the whole command line: what was read, where
the places are, which events came out, every export, the atlas, and bad input beside good.

The four documents in tests/fixtures/docs/ were written for this test (not the default corpus):
a Reuters-style HTML article on the Mosul offensive (October 2016), a Markdown press release on
the liberation of Raqqa (October 2017), a plain-text situation report on Baghuz (March 2019,
US dates) and a wikitext stub on the siege of Kobani (2014-15).
"""

from __future__ import annotations

import base64
import csv
import gzip
import io
import json
import math
import re
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest

from geo.cli import main
from geo.dates import tag_document
from geo.ingest import read_document
from geo.render import assets

DOCS = Path(__file__).parent / "fixtures" / "docs"
HTML, MD, TXT, WIKI = "mosul_reuters.html", "raqqa_press_release.md", "baghuz_report.txt", "kobani.wiki"

# Reference coordinates (lat, lon) of the places the documents are about.
MOSUL, RAQQA, KOBANI, BAGHUZ = (36.34, 43.13), (35.95, 39.01), (36.89, 38.35), (34.45, 40.94)
BARTELLA, QARAQOSH, TABQA_DAM, BAGHDAD = (36.35, 43.38), (36.27, 43.38), (35.87, 38.57), (33.31, 44.37)
QAYYARAH = (35.80, 43.29)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    (la1, lo1), (la2, lo2) = (map(math.radians, a), map(math.radians, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def cli(*argv: str) -> tuple[int, str, str]:
    """Run `geo ARGV` in-process; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def line_of(name: str, needle: str) -> int:
    """1-based line of `needle` in the ORIGINAL fixture file."""
    for number, line in enumerate((DOCS / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "maps"
    code, stdout, stderr = cli("build", "--out", str(out), str(DOCS))
    assert code == 0, stderr
    assert "geo: error" not in stderr
    assert str(out / "atlas.html") in stdout
    return out


@pytest.fixture(scope="module")
def events(built) -> list[dict]:
    return rows(built / "events.csv")


@pytest.fixture(scope="module")
def tagged() -> dict[str, object]:
    return {name: tag_document(read_document(DOCS / name)) for name in (HTML, MD, TXT, WIKI)}


def dates_in(doc, needle: str) -> list[tuple[str, date, date, str]]:
    """(text, start, end, precision) of the dates of the sentence containing `needle`."""
    hits = [s for s in doc.sentences if needle in s.text]
    assert len(hits) == 1, f"{needle!r}: {len(hits)} sentences"
    return [(d.text, d.start, d.end, d.precision) for d in hits[0].dates]


# --- what was read ------------------------------------------------------------------------

def test_formats_are_sniffed_and_titles_and_dates_come_from_the_files(tagged):
    html, md, txt, wiki = (tagged[n] for n in (HTML, MD, TXT, WIKI))
    assert (html.format, md.format, txt.format, wiki.format) == ("html", "markdown", "text", "wikitext")
    assert html.title == "Iraqi forces push toward Mosul as offensive enters second day"
    assert md.title == "Coalition statement on the liberation of Raqqa"
    assert (html.date.start, html.date.precision) == (date(2016, 10, 18), "day")    # <meta> published_time
    assert (md.date.start, md.date.precision) == (date(2017, 10, 20), "day")        # front matter
    assert txt.date is None and wiki.date is None


def test_html_boilerplate_is_dropped_and_the_article_kept_on_its_original_lines(tagged):
    doc = tagged[HTML]
    text = " ".join(s.text for s in doc.sentences)
    for junk in ("Markets", "dataLayer", "font-family", "analytics.js", "mosul-convoy.jpg"):
        assert junk not in text                                 # <nav>, <script>, <style>, src
    dateline = next(s for s in doc.sentences if s.text.startswith("BAGHDAD, Oct. 17 (Reuters) -"))
    assert dateline.line == line_of(HTML, "BAGHDAD, Oct. 17")
    caption = next(s for s in doc.sentences if "Qayyarah airfield" in s.text)
    assert caption.line == line_of(HTML, "<figcaption>")        # the figure caption is read too
    quote = next(s for s in doc.sentences if "fight to the last man" in s.text)
    assert '"we will fight to the last man" <b>in the old city</b> & O\'Brien' in quote.text  # entities decoded


def test_markdown_front_matter_is_not_prose(tagged):
    doc = tagged[MD]
    assert not any("CJTF-OIR Public Affairs" in s.text or "title:" in s.text for s in doc.sentences)
    first = doc.sentences[0]
    assert first.text.startswith("SOUTHWEST ASIA") and first.line == line_of(MD, "SOUTHWEST ASIA")
    bullet = next(s for s in doc.sentences if "liberated Raqqa" in s.text)
    assert bullet.section == ("Coalition statement on the liberation of Raqqa", "Summary")


def test_wikitext_markup_refs_and_infobox_are_dropped(tagged):
    doc = tagged[WIKI]
    text = " ".join(s.text for s in doc.sentences)
    for junk in ("{{", "}}", "[[", "<ref", "cite", "Infobox", "combatant1", "example.com", "Category:"):
        assert junk not in text
    assert "against the Kurdish town of Kobanî in northern Syria." in text     # link display text
    recapture = next(s for s in doc.sentences if "recaptured Kobani" in s.text)
    assert recapture.text == "Kurdish YPG forces recaptured Kobani on 26 January 2015."
    assert recapture.section == ("Recapture",) and recapture.line == line_of(WIKI, "recaptured Kobani")


def test_year_less_dates_take_the_publication_year(tagged):
    html, md = tagged[HTML], tagged[MD]
    assert dates_in(html, "BAGHDAD, Oct. 17")[0][1:] == (date(2016, 10, 17), date(2016, 10, 17), "day")
    assert dates_in(html, "recaptured the town of Bartella")[0][1] == date(2016, 10, 20)
    # the flashback "seized in August 2014" in the sentence before must not move the story to 2014
    assert dates_in(html, "recaptured Qaraqosh")[1][1:] == (date(2014, 8, 1), date(2014, 8, 31), "month")
    assert dates_in(html, "airstrikes near Mosul")[0][1] == date(2016, 10, 17)
    assert dates_in(md, "liberated Raqqa")[0][1:] == (date(2017, 10, 17), date(2017, 10, 17), "day")
    assert dates_in(md, "Tabqa Dam")[0][1] == date(2017, 5, 10)
    assert dates_in(md, "began the assault")[0][1:] == (date(2017, 6, 1), date(2017, 6, 30), "month")


def test_us_numeric_dates_in_the_report(tagged):
    doc = tagged[TXT]
    assert dates_in(doc, "captured Baghuz")[0][:2] == ("3/23/19", date(2019, 3, 23))
    assert dates_in(doc, "Royal Air Force Typhoons")[0][1] == date(2019, 3, 10)
    assert dates_in(doc, "UK Ministry of Defence update")[0][1] == date(2019, 3, 11)
    numbered = next(s for s in doc.sentences if "captured Baghuz" in s.text)
    assert numbered.text.startswith("The Syrian Democratic Forces") and numbered.line == line_of(TXT, "1. The")



def test_markdown_links_and_footnotes_leave_only_prose(tmp_path):
    source = ("---\ntitle: Mosul\ndate: 2017-07-12\n---\n\nIraqi forces [recaptured Mosul](https://example.com/m)"
              " on July 10, ending a nine-month battle.[^1]\n\n[^1]: Reuters, https://example.com/report\n")
    (tmp_path / "note.md").write_text(source, encoding="utf-8")
    doc = tag_document(read_document(tmp_path / "note.md"))
    assert [s.text for s in doc.sentences] == ["Iraqi forces recaptured Mosul on July 10, ending a nine-month battle."]
    sentence = doc.sentences[0]
    assert source[sentence.start:sentence.end].endswith("nine-month battle.")
    assert sentence.dates[0].start == date(2017, 7, 10)

@pytest.mark.parametrize("front,expected", [
    ('date: "October 20, 2017"', date(2017, 10, 20)),
    ("Date: 10/20/2017", date(2017, 10, 20)),
    ("published: 2017-10-20T08:00:00Z", date(2017, 10, 20)),
    ("date: Friday, 20 Oct 2017 10:00 EST", date(2017, 10, 20)),
])
def test_front_matter_dates_as_people_write_them(tmp_path, front, expected):
    (tmp_path / "note.md").write_text(f"---\ntitle: Note\n{front}\n---\n\nIraqi forces retook Mosul on July 10.\n",
                                      encoding="utf-8")
    doc = tag_document(read_document(tmp_path / "note.md"))
    assert doc.date.start == expected and doc.date.precision == "day"
    assert doc.sentences[0].dates[0].start == date(2017, 7, 10)


@pytest.mark.parametrize("head", [
    '<meta name="pubdate" content="20161018">',
    '<meta property="og:published_time" content="2016-10-18">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2016-10-18T09:00:00Z"}</script>',
])
def test_html_publication_dates_as_sites_write_them(tmp_path, head):
    (tmp_path / "page.html").write_text(f"<html><head>{head}</head><body><p>Iraqi forces recaptured "
                                        "Bartella on October 17.</p></body></html>", encoding="utf-8")
    doc = tag_document(read_document(tmp_path / "page.html"))
    assert (doc.date.start, doc.date.precision) == (date(2016, 10, 18), "day")
    assert doc.sentences[0].dates[0].start == date(2016, 10, 17)



WIRE = ('<html><head><meta property="article:published_time" content="{published}"></head><body>'
        "<p>Iraqi special forces recaptured Qaraqosh on Thursday, officers said.</p>"
        "<p>Islamic State militants attacked Kirkuk early on Friday.</p></body></html>")


def test_weekdays_in_wire_copy_are_days_of_the_publication_week(tmp_path):
    (tmp_path / "wire.html").write_text(WIRE.format(published="2016-10-21T10:00:00Z"), encoding="utf-8")
    doc = tag_document(read_document(tmp_path / "wire.html"))          # 21 October 2016 was a Friday
    assert [(d.text, d.start, d.precision) for s in doc.sentences for d in s.dates] == [
        ("Thursday", date(2016, 10, 20), "day"), ("Friday", date(2016, 10, 21), "day")]
    out = tmp_path / "maps"
    assert cli("build", "--no-map", "--out", str(out), str(tmp_path / "wire.html"))[0] == 0
    found = {(e["event_type"], e["date_start"], e["holder_after"]) for e in rows(out / "events.csv")
             if e["lat"] and km((float(e["lat"]), float(e["lon"])), QARAQOSH) < 25}
    assert found == {("territory_change", "2016-10-20", "Iraq")}


def test_weekdays_without_a_publication_day_stay_undated(tmp_path):
    (tmp_path / "wire.html").write_text(WIRE.format(published="2016"), encoding="utf-8")
    doc = tag_document(read_document(tmp_path / "wire.html"))
    assert [d for s in doc.sentences for d in s.dates] == []

# --- places -------------------------------------------------------------------------------

@pytest.mark.parametrize("doc,surface,where", [
    (HTML, "Mosul", MOSUL), (HTML, "Bartella", BARTELLA), (HTML, "Qaraqosh", QARAQOSH),
    (HTML, "BAGHDAD", BAGHDAD), (HTML, "Qayyarah", QAYYARAH),
    (MD, "Raqqa", RAQQA), (MD, "Tabqa Dam", TABQA_DAM),
    (TXT, "Baghuz", BAGHUZ), (TXT, "BAGHUZ", BAGHUZ),
    (WIKI, "Kobani", KOBANI), (WIKI, "Kobanî", KOBANI),
])
def test_key_places_resolve_within_25_km(built, doc, surface, where):
    hits = [r for r in rows(built / "mentions.csv") if r["doc"] == doc and r["text"] == surface]
    assert hits, f"{surface} not recognised in {doc}"
    for r in hits:
        assert r["lat"] and km((float(r["lat"]), float(r["lon"])), where) < 25, r


def test_mentions_point_at_the_original_text(built):
    sources = {name: (DOCS / name).read_text(encoding="utf-8") for name in (HTML, MD, TXT, WIKI)}
    for r in rows(built / "mentions.csv"):
        text = sources[r["doc"]]
        assert text[int(r["start"]):int(r["end"])] == r["text"], r
        assert text.count("\n", 0, int(r["start"])) + 1 == int(r["line"]), r


# --- events -------------------------------------------------------------------------------

EXPECTED = [
    # doc, type, place, date_start, precision, actor, holder_after
    (HTML, "territory_change", BARTELLA, "2016-10-20", "day", "Iraq", "Iraq"),
    (HTML, "territory_change", QARAQOSH, "2016-10-22", "day", "Iraq", "Iraq"),
    (HTML, "airstrike", MOSUL, "2016-10-17", "day", "Coalition", ""),
    (MD, "territory_change", RAQQA, "2017-10-17", "day", "Syrian Democratic Forces", "Syrian Democratic Forces"),
    (MD, "territory_change", TABQA_DAM, "2017-05-10", "day", "Syrian Democratic Forces", "Syrian Democratic Forces"),
    (MD, "territory_change", RAQQA, "2014-01-01", "month", "ISIL", "ISIL"),
    (MD, "airstrike", RAQQA, "2017-10-15", "day", "Coalition", ""),
    (TXT, "territory_change", BAGHUZ, "2019-03-23", "day", "Syrian Democratic Forces", "Syrian Democratic Forces"),
    (TXT, "airstrike", BAGHUZ, "2019-03-18", "day", "Coalition", ""),
    (TXT, "airstrike", BAGHUZ, "2019-03-10", "day", "United Kingdom", ""),     # RAF, Operation Shader
    (WIKI, "airstrike", KOBANI, "2014-09-27", "day", "United States", ""),
    (WIKI, "airdrop", KOBANI, "2014-10-19", "day", "United States", ""),
]


@pytest.mark.parametrize("doc,kind,where,start,precision,actor,holder", EXPECTED,
                         ids=[f"{e[0].split('_')[0].split('.')[0]}-{e[1]}-{e[3]}" for e in EXPECTED])
def test_key_events(events, doc, kind, where, start, precision, actor, holder):
    hits = [e for e in events if e["doc"] == doc and e["event_type"] == kind and e["date_start"] == start
            and e["lat"] and km((float(e["lat"]), float(e["lon"])), where) < 25]
    assert len(hits) == 1, [(e["event_type"], e["date_start"], e["place"]) for e in events if e["doc"] == doc]
    event = hits[0]
    assert (event["date_precision"], event["actor"], event["holder_after"]) == (precision, actor, holder)
    assert event["sources"] == "1" and event["source_refs"] == f"{doc}:{event['line']}"
    source_line = (DOCS / doc).read_text(encoding="utf-8").splitlines()[int(event["line"]) - 1]
    assert event["evidence"].split()[0] in source_line           # the evidence is on the cited line
    if kind == "airstrike":
        assert event["geo_precision"] == "near"                  # "airstrikes near X"


def test_kobani_is_retaken_by_kurdish_forces(events):
    hit = [e for e in events if e["doc"] == WIKI and e["event_type"] == "territory_change"]
    assert len(hit) == 1 and hit[0]["date_start"] == "2015-01-26"
    assert hit[0]["actor_side"] == "Kurdish" and hit[0]["holder_after"] not in ("", "ISIL")


def test_no_event_from_a_sources_list_or_a_byline(events):
    sources_from = line_of(TXT, "Sources")
    assert not [e for e in events if e["doc"] == TXT and int(e["line"]) >= sources_from]
    assert not [e for e in events if e["doc"] == HTML and int(e["line"]) <= line_of(HTML, "<time")]


def test_control_timeline_of_raqqa(built):
    raqqa = [r for r in rows(built / "control.csv") if r["place"] == "Ar Raqqah"]
    assert [(r["holder"], r["start"], r["end"]) for r in raqqa] == [
        ("ISIL", "2014-01-01", "2017-10-16"), ("Syrian Democratic Forces", "2017-10-17", "")]


# --- exports ------------------------------------------------------------------------------

def check_geojson(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]
        flat = re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", json.dumps(feature["geometry"]["coordinates"]))
        lons, lats = [float(v) for v in flat[0::2]], [float(v) for v in flat[1::2]]
        assert all(-180 <= v <= 180 for v in lons) and all(-90 <= v <= 90 for v in lats)
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())   # flat
    return data["features"]


def test_build_outputs_are_all_valid(built, events):
    for path in built.glob("*.geojson"):
        check_geojson(path)
    for path in built.glob("*.csv"):
        assert rows(path) is not None and path.read_text(encoding="utf-8").splitlines()[0]
    features = check_geojson(built / "events.geojson")
    assert len(features) == len([e for e in events if e["lat"]])
    mosul = next(f for f in features if f["properties"]["date_start"] == "2016-10-20")
    lon, lat = mosul["geometry"]["coordinates"]                   # longitude first (RFC 7946)
    assert km((lat, lon), BARTELLA) < 25


@pytest.mark.parametrize("layer", ["events", "places", "bases", "territory"])
def test_every_layer_exports_in_every_format(tmp_path, layer):
    counts = {}
    for fmt in ("geojson", "csv", "gpkg"):
        out = tmp_path / f"{layer}.{fmt}"
        code, stdout, stderr = cli("export", "--layer", layer, "--format", fmt, "-o", str(out), str(DOCS))
        assert code == 0 and "error" not in stderr, stderr
        counts[fmt] = int(re.search(r"\((\d+) ", stdout).group(1))
        if fmt == "geojson":
            assert len(check_geojson(out)) == counts[fmt]
        elif fmt == "csv":
            assert len(rows(out)) == counts[fmt]
        else:
            with sqlite3.connect(out) as db:                      # a GeoPackage is SQLite
                (table,) = db.execute("SELECT table_name FROM gpkg_contents").fetchone()
                assert db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == counts[fmt]
    assert len(set(counts.values())) == 1, counts
    if layer in ("events", "places", "territory"):
        assert counts["csv"] > 0


def test_export_filters_by_year_and_actor(tmp_path):
    out = tmp_path / "raf.csv"
    code, _, _ = cli("export", "--layer", "events", "--actor", "RAF", "--year", "2019", "-o", str(out), str(DOCS))
    assert code == 0
    assert [(r["actor"], r["date_start"]) for r in rows(out)] == [("United Kingdom", "2019-03-10")]


# --- the atlas ----------------------------------------------------------------------------

def payload(page: str) -> str:
    """The atlas's embedded data block, as the JSON text the page's script reads."""
    match = re.search(r'<script type="application/(json|octet-stream)" id="geo-atlas-data"[^>]*>(.*?)</script>',
                      page, re.S)
    assert match
    if match.group(1) == "json":
        return match.group(2)
    return gzip.decompress(base64.b64decode(match.group(2))).decode("utf-8")


def test_atlas_is_self_contained(built):
    page = (built / "atlas.html").read_text(encoding="utf-8")
    assert assets.external_urls(page) == []
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=[\"']?(https?:)?//", page)
    for leaked in ("cdn.example.com", "example.com/kobani", "/img/mosul-convoy.jpg"):
        assert leaked not in page                                # URLs from the documents


def test_document_text_is_escaped_in_the_atlas(built):
    page = (built / "atlas.html").read_text(encoding="utf-8")
    assert "<2 km" not in page and "positions <2" not in page
    data = payload(page)
    assert "<" not in data and ">" not in data                   # nothing can close the <script>
    evidence = json.loads(data)
    text = json.dumps(evidence, ensure_ascii=False)
    baghuz = "against ISIS positions <2 km from the SDF's front line & the river (\\\"Operation Roundup\\\" targets)"
    assert baghuz in text                                        # kept verbatim as data ...
    assert '\\"mortar positions & vehicles\\", the coalition\'s spokesman said' in text


def test_map_command_filters_the_new_documents_by_year(built, tmp_path):
    out = tmp_path / "2016.html"
    code, stdout, _ = cli("map", "--from", str(built), "--year", "2016", "-o", str(out))
    assert code == 0
    data = json.loads(payload(out.read_text(encoding="utf-8")))
    assert data["events"]["years"] == ["2016"]
    n = int(re.search(r"\((\d+) events\)", stdout).group(1))
    mosul_2016 = [e for e in rows(built / "events.csv") if e["date_start"].startswith("2016")]
    assert n == len(mosul_2016) == len(data["events"]["cols"]["id"]) > 0


# --- bad input beside good input ----------------------------------------------------------

@pytest.fixture()
def mixed(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DOCS / TXT, folder / "a_good.txt")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_scan.txt").write_bytes(PNG)
    (folder / "d_windows.txt").write_bytes(
        "Iraqi forces recaptured Tikrit on 31 March 2015 \u2013 \u201ca turning point\u201d, said Ren\u00e9.\n"
        .encode("cp1252"))
    return folder


def test_build_keeps_the_good_files_and_reports_each_bad_one_in_one_line(mixed, tmp_path, caplog):
    out = tmp_path / "maps"
    code, stdout, stderr = cli("build", "--no-map", "--out", str(out), str(mixed))
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("geo: error:")]
    assert errors == ["geo: error: b_empty.txt: empty file (no text to read)",
                      "geo: error: c_scan.txt: binary file (PNG image), not text"]
    assert "d_windows.txt: not valid UTF-8, read as cp1252" in caplog.text     # a warning, not an error
    assert str(out / "events.csv") in stdout
    found = rows(out / "events.csv")
    assert {e["doc"] for e in found} == {"a_good.txt", "d_windows.txt"}
    tikrit = next(e for e in found if e["doc"] == "d_windows.txt")
    assert (tikrit["event_type"], tikrit["date_start"], tikrit["holder_after"]) == ("territory_change", "2015-03-31", "Iraq")
    assert "\u201ca turning point\u201d, said Ren\u00e9." in tikrit["evidence"]
    assert {r["doc"] for r in rows(out / "mentions.csv")} == {"a_good.txt", "d_windows.txt"}
    check_geojson(out / "events.geojson")


def test_export_keeps_the_good_files_and_reports_the_bad_ones(mixed, tmp_path):
    out = tmp_path / "events.geojson"
    code, stdout, stderr = cli("export", "--layer", "events", "-o", str(out), str(mixed))
    assert code == 1 and len([x for x in stderr.splitlines() if x.startswith("geo: error:")]) == 2
    assert {f["properties"]["doc"] for f in check_geojson(out)} == {"a_good.txt", "d_windows.txt"}


def test_a_folder_of_only_bad_files_does_not_overwrite_the_last_good_build(mixed, tmp_path):
    out = tmp_path / "maps"
    assert cli("build", "--no-map", "--out", str(out), str(mixed / "a_good.txt"))[0] == 0
    before = (out / "events.csv").read_bytes()
    code, _, stderr = cli("build", "--no-map", "--out", str(out), str(mixed / "b_empty.txt"), str(mixed / "c_scan.txt"))
    assert code == 1 and len(stderr.strip().splitlines()) == 1 and stderr.startswith("geo: error: no readable documents")
    assert (out / "events.csv").read_bytes() == before


def test_places_command_keeps_the_good_files_and_reads_cp1252(mixed):
    code, stdout, stderr = cli("places", str(mixed))
    assert code == 1
    assert [x for x in stderr.splitlines() if x.startswith("geo: error:")] == [
        "geo: error: b_empty.txt: empty file (no text to read)",
        "geo: error: c_scan.txt: binary file (PNG image), not text"]
    found = list(csv.DictReader(io.StringIO(stdout)))
    assert {r["doc"] for r in found} == {"a_good.txt", "d_windows.txt"}
    assert any(r["doc"] == "d_windows.txt" and r["text"] == "Tikrit" for r in found)
