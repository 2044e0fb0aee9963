"""Sentences repeated word for word (wire copy in news archives) are read once and remembered
(geo/events/repeats.py, geo/places/mentions.py's span memo): the outputs must be the very bytes
a build without the memos writes, wherever and in whatever context the copies stand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import api
from geo.events import repeats
from geo.places import mentions
from geo.pipeline import write_outputs

WIRE = ("On 3 March 2015, coalition aircraft struck ISIL positions near Mosul. "
        "Another airstrike destroyed an ISIL vehicle near Tal Afar. "
        "They also hit a checkpoint in Fallujah.")
TAKEN = "Iraqi forces recaptured Tikrit after weeks of fighting, officials in Baghdad said."


def _archive(folder: Path) -> list[Path]:
    """Copies of the same sentences in different files, formats, paragraphs, sections and dates."""
    folder.mkdir()
    news = folder / "news.txt"
    news.write_text("\n\n".join([
        WIRE, TAKEN,
        "On 9 April 2015 Kurdish Peshmerga fighters advanced. " + TAKEN,   # another date in context
        WIRE,
        "Canada said its jets were busy. They also hit a checkpoint in Fallujah.",   # another actor
        "  " + WIRE.replace(". ", ".\n", 1),                                       # other line breaks
        TAKEN,
    ]) + "\n", encoding="utf-8")
    dated = folder / "bulletin.md"
    dated.write_text("---\ndate: 2015-05-20\ntitle: Bulletin\n---\n\n# Iraq\n\n" + TAKEN + "\n\n"
                     "## Strikes\n\n" + TAKEN + " [Mosul](https://example.org/mosul) was quiet.\n\n"
                     "## More strikes\n\n" + TAKEN + " [Mosul](https://example.org/mosul) was quiet.\n\n"
                     + WIRE + "\n", encoding="utf-8")
    wiki = folder / "article.wiki"
    wiki.write_text("'''Raids'''\n\n== 2015 ==\nOn 3 March 2015, coalition aircraft struck ISIL positions "
                    "near [[Mosul]]. Another airstrike destroyed an ISIL vehicle near [[Tal Afar]].\n\n"
                    "== Later ==\nOn 3 March 2015, coalition aircraft struck ISIL positions near "
                    "[[Mosul]]. Another airstrike destroyed an ISIL vehicle near [[Tal Afar|Tal Afar]].\n\n"
                    + "Jets of the [[United States|U.S]]. Air Force bombed [[Mosul]] on 4 March 2015.\n" * 3,
                    encoding="utf-8")
    again = folder / "copy.txt"
    again.write_text("Reprinted.\n\n\n" + WIRE + "\n\n" + TAKEN + "\n", encoding="utf-8")
    return [news, dated, wiki, again]


def _outputs(paths: list[Path], folder: Path, with_map: bool = True) -> dict[str, bytes]:
    atlas = api.build(paths, cache=False, workers=1)
    write_outputs(atlas, folder, with_map=with_map)
    # Folium names the map's elements with random hex ids: the same map differs only there
    return {p.name: re.sub(rb"[0-9a-f]{32}", b"<id>", p.read_bytes()) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> list[Path]:
    return _archive(tmp_path_factory.mktemp("repeats") / "docs")


@pytest.fixture(scope="module")
def each(archive, tmp_path_factory) -> dict[str, bytes]:
    """The reference: every sentence of every copy read on its own (both memos off)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(repeats, "ENABLED", False)
        patch.setattr(mentions._SpanMemo, "LIMIT", 0)
        return _outputs(archive, tmp_path_factory.mktemp("each"))


def test_remembered_sentences_write_the_same_bytes_as_reading_each_copy(archive, each, tmp_path):
    remembered = _outputs(archive, tmp_path)
    assert remembered.keys() == each.keys() and "events.csv" in each and "atlas.html" in each
    for name in each:
        assert remembered[name] == each[name], name
    # the archive has copies to remember: events told in several files and lines
    assert max(row.count(b"; ") for row in each["events.csv"].splitlines()) >= 4


def test_a_repeat_is_moved_to_its_own_place_in_the_file(tmp_path):
    from geo.docwork import read_dated
    from geo.events import Extractor
    from geo.places import find_mentions, load_gazetteer

    text = WIRE + "\n\n" + "x\n\n" + WIRE + "\n"
    (tmp_path / "wire.txt").write_text(text, encoding="utf-8")
    doc = read_dated(tmp_path / "wire.txt", None, {})
    found = find_mentions(doc, load_gazetteer())
    events = Extractor().document(doc, found)
    first = [e for e in events if e.sources[0].line == 1]
    second = [e for e in events if e.sources[0].line == 5]
    assert first and len(first) == len(second)
    shift = text.index(WIRE, 1)
    for a, b in zip(first, second):
        assert b.trigger == (a.trigger[0] + shift, a.trigger[1] + shift)
        assert text[b.trigger[0]:b.trigger[1]] == text[a.trigger[0]:a.trigger[1]]
        assert a.event_id != b.event_id and a.evidence == b.evidence


def test_a_full_memo_starts_again(archive, each, tmp_path, monkeypatch):
    monkeypatch.setattr(repeats, "LIMIT", 2)
    monkeypatch.setattr(mentions._SpanMemo, "LIMIT", 2)
    small = _outputs(archive, tmp_path, with_map=False)
    assert small == {name: data for name, data in each.items() if name != "atlas.html"}
