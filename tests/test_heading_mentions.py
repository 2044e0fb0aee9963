"""Place names in headings are mentions, in every format, with exact original-file offsets."""

from __future__ import annotations

import dataclasses

from geo import api, docwork, settings
from geo.ingest import read_document, read_paths
from geo.places import find_mentions


def heading_mentions(tmp_path, name: str, fmt: str, source: str, gazetteer):
    """(document, raw text, mentions found in headings) for `source` written as `name`."""
    path = tmp_path / name
    path.write_bytes(source.encode("utf-8"))
    doc = read_document(path, fmt)
    found = [m for m in find_mentions(doc, gazetteer) if m.sentence == -1]
    return doc, source, found


def texts_and_offsets_agree(raw: str, mentions) -> None:
    for m in mentions:
        assert raw[m.start:m.end] == m.text, (m.text, raw[m.start:m.end])
        assert m.line == raw.count("\n", 0, m.start) + 1


def test_plain_text_heading(tmp_path, gazetteer):
    source = "Intro line about the war.\n\n== Syria ==\nAircraft struck targets.\n\n" \
             "=== Strikes on Raqqa ===\nMore strikes followed.\n"
    doc, raw, found = heading_mentions(tmp_path, "a.txt", "text", source, gazetteer)
    assert [(m.text, m.line) for m in found] == [("Syria", 3), ("Raqqa", 6)]
    assert found[1].place is not None and found[1].place.country == "SY"
    texts_and_offsets_agree(raw, found)
    assert [h.section for h in doc.headings] == [("Syria",), ("Syria", "Strikes on Raqqa")]


def test_wikitext_heading_with_link_and_ref(tmp_path, gazetteer):
    source = ("'''Test''' is an article about Iraq.\n\n== Syria ==\nText here.\n\n"
              "=== Strikes on [[Raqqa|Ar-Raqqah]] ===\nMore text.\n\n"
              "==== 3 September 2014 ====\nAircraft struck [[Mosul]].\n\n"
              "== Battle of [[Kobani|Kobanî]]<ref>a source</ref> ==\nStuff.\n")
    doc, raw, found = heading_mentions(tmp_path, "b.wiki", "wikitext", source, gazetteer)
    assert [m.text for m in found] == ["Syria", "Ar-Raqqah", "Kobanî"]
    texts_and_offsets_agree(raw, found)
    assert found[1].place is not None and found[1].place.name.endswith("Raqqah")
    # the Sections are what they were: titles without markup, the date heading kept for dates
    assert [s.title for s in doc.sections] == ["Syria", "Strikes on Ar-Raqqah", "3 September 2014",
                                               "Battle of Kobanî"]


def test_html_heading_with_entity_and_wiki_link(tmp_path, gazetteer):
    source = ("<html><body>\n<h2>Mosul</h2>\n<p>Something happened.</p>\n"
              '<h3>Fighting near <a href="https://en.wikipedia.org/wiki/Erbil">Arbil</a> &amp; '
              "Kirkuk</h3>\n<p>More.</p>\n</body></html>\n")
    doc, raw, found = heading_mentions(tmp_path, "c.html", "html", source, gazetteer)
    assert [(m.text, m.line) for m in found] == [("Mosul", 2), ("Arbil", 4), ("Kirkuk", 4)]
    assert found[1].place is not None and found[1].place.name == "Erbil"
    texts_and_offsets_agree(raw, found)
    assert all("Mosul" != s.text for s in doc.sentences)      # a heading is not prose


def test_markdown_heading_with_emphasis_and_link(tmp_path, gazetteer):
    source = ("---\ntitle: Test\n---\n# Overview\n\n## Strikes on *Raqqa*\n\nAircraft struck.\n\n"
              "## [Erbil](https://en.wikipedia.org/wiki/Erbil) and Mosul\n\nText.\n")
    doc, raw, found = heading_mentions(tmp_path, "d.md", "markdown", source, gazetteer)
    assert [m.text for m in found] == ["Raqqa", "Erbil", "Mosul"]
    texts_and_offsets_agree(raw, found)


def test_scraped_bare_heading_lines(tmp_path, gazetteer):
    source = ("Campaign page\nRaqqa\nThe city in Syria was struck by aircraft.\n"
              "  Mosul\n5 September 2014\nAircraft hit the dam near the Iraqi city.\n")
    doc, raw, found = heading_mentions(tmp_path, "e.txt", "scraped", source, gazetteer)
    assert [(m.text, m.line) for m in found] == [("Raqqa", 2), ("Mosul", 4)]
    texts_and_offsets_agree(raw, found)


def test_heading_mentions_come_in_file_order_among_the_prose(tmp_path, gazetteer):
    source = "Aircraft flew from Jordan.\n\n== Mosul ==\nThey struck Erbil.\n"
    path = tmp_path / "f.txt"
    path.write_text(source, encoding="utf-8")
    mentions = find_mentions(read_document(path, "text"), gazetteer)
    assert [(m.text, m.sentence) for m in mentions] == [("Jordan", 0), ("Mosul", -1), ("Erbil", 1)]


def test_every_seed_heading_is_verbatim_or_mapped():
    docs, errors = read_paths([settings.CORPUS_DIR])
    assert not errors and docs
    assert sum(len(d.headings) for d in docs) > 100
    for doc in docs:
        raw = open(doc.path, encoding="utf-8", newline="").read()
        for h in doc.headings:
            assert h.index == -1
            assert raw[h.to_original(0)] == h.text[0]
            if not h.segments:
                assert raw[h.start:h.end] == h.text


def test_events_unchanged_on_the_seeds(monkeypatch):
    """Heading mentions add mention rows and places, never events, bases or territory."""
    with_headings = api.build(cache=False, workers=1)
    read = docwork.read_dated

    def without_headings(path, forced_format, meta):
        return dataclasses.replace(read(path, forced_format, meta), headings=())

    monkeypatch.setattr(docwork, "read_dated", without_headings)
    without = api.build(cache=False, workers=1)
    for layer in ("events", "bases", "territory", "unresolved"):
        assert with_headings.layers[layer].rows == without.layers[layer].rows, layer
    key = lambda r: (r["doc"], r["start"], r["end"])       # noqa: E731
    before = {key(r) for r in without.layers["mentions"].rows}
    after = {key(r) for r in with_headings.layers["mentions"].rows}
    assert before < after and len(after - before) >= 50
    heading = {(m.doc, m.start, m.end) for m in with_headings.mention_records if m.sentence == -1}
    assert after - before == heading


def test_unresolved_heading_name_keeps_its_heading_as_context():
    from geo.model import Document, Mention, Sentence
    from geo.places.output import review_rows

    heading = Sentence(text="Strikes near Qqzzville", line=3, start=40, end=62, index=-1)
    doc = Document(id="d.txt", path="d.txt", title="d", format="text", date=None, headings=(heading,))
    mention = Mention(doc="d.txt", line=3, start=53, end=62, text="Qqzzville", sentence=-1)
    assert review_rows([mention], [doc])[0]["context"] == "Strikes near Qqzzville"
