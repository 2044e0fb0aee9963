"""Readers on small inline fixtures: HTML, Markdown, wikitext details, scraped, manifests."""

from __future__ import annotations

from pathlib import Path

from geo.ingest import iter_sentences, read_document, read_paths, sniff_format
from geo.ingest.manifest import parse_doc_date

HTML = """<!DOCTYPE html>
<html><head><title>Raids on Mosul</title>
<meta name="date" content="2016-10-17">
<style>p { color: red }</style><script>var x = "Fallujah fell.";</script></head>
<body>
<h1>Raids on Mosul</h1>
<p>On 17 October 2016 Iraqi forces advanced on <a href="/wiki/Mosul">Mosul</a>.
The U.S. Air Force struck &amp; hit targets near Qayyarah.</p>
<h2>Bases</h2>
<ul><li>Al Asad Airbase hosted Marines.</li><li>Erbil hosted advisers.</li></ul>
<table><tr><th>Country</th><th>In Iraq</th></tr>
<tr><td>France</td><td>Military</td></tr></table>
</body></html>
"""

MARKDOWN = """---
title: Notes on Sinjar
date: 2014-08
---
# Sinjar

On 8 August the U.S. began **airstrikes** near [Sinjar](https://example.org/sinjar).
Kurdish forces opened a corridor.

## Aftermath

- Yazidis fled to Mount Sinjar.
- Aid drops followed.

| Country | In Iraq |
|---|---|
| France | Military |

```
code is not prose. Ignore me.
```
"""

WIKI = """Intro with a [[Al Asad Airbase|Ain al-Assad Airbase]] link.<ref>{{cite web|url=http://x.org|title=T}}</ref> Next '''bold''' sentence.
== Table ==
[[File:Map.png|thumb|A caption about [[Mosul]].]]
{| class="wikitable"
! Country !! Troops
|-
| {{flag|Iraq}} || {{convert|10|km}}
|-
| {{flagcountry|Syria}} || none <!-- hidden -->
|}
The end is near <ref name="a"/> really. See http://example.org now.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_html_reader(tmp_path):
    path = write(tmp_path, "page.html", HTML)
    assert sniff_format(HTML) == "html"
    doc = read_document(path)
    assert doc.format == "html" and doc.title == "Raids on Mosul"
    assert doc.date.precision == "day" and doc.date.start.isoformat() == "2016-10-17"
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "On 17 October 2016 Iraqi forces advanced on Mosul."
    assert texts[1] == "The U.S. Air Force struck & hit targets near Qayyarah."
    assert "Al Asad Airbase hosted Marines." in texts and "Erbil hosted advisers." in texts
    assert not any("Fallujah" in t or "color" in t for t in texts)
    assert [(s.title, s.level) for s in doc.sections] == [("Raids on Mosul", 1), ("Bases", 2)]
    first = doc.sentences[0]
    assert first.line == 7 and first.section == ("Raids on Mosul",)
    assert HTML[first.start:first.start + 10] == "On 17 Octo"
    i = first.text.index("Mosul")
    assert HTML[first.to_original(i):first.to_original(i) + 5] == "Mosul"
    airbase = [s for s in doc.sentences if s.text.startswith("Al Asad")][0]
    assert airbase.section == ("Raids on Mosul", "Bases") and airbase.line == 10
    assert doc.tables[0].header == ("Country", "In Iraq") and doc.tables[0].rows == (("France", "Military"),)


def test_markdown_reader_with_front_matter(tmp_path):
    path = write(tmp_path, "notes.md", MARKDOWN)
    assert sniff_format(MARKDOWN) == "markdown"
    doc = read_document(path)
    assert doc.format == "markdown" and doc.title == "Notes on Sinjar"
    assert doc.date.precision == "month" and doc.date.start.isoformat() == "2014-08-01"
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "On 8 August the U.S. began airstrikes near Sinjar."
    assert texts[1] == "Kurdish forces opened a corridor."
    assert "Yazidis fled to Mount Sinjar." in texts
    assert not any("code is not prose" in t for t in texts)
    assert [(s.title, s.level, s.line_start) for s in doc.sections] == [("Sinjar", 1, 5), ("Aftermath", 2, 10)]
    first = doc.sentences[0]
    assert first.line == 7 and first.section == ("Sinjar",)
    for i, char in enumerate(first.text):
        if char != " ":
            assert MARKDOWN[first.to_original(i)] == char
    yazidi = [s for s in doc.sentences if s.text.startswith("Yazidis")][0]
    assert yazidi.line == 12 and yazidi.section == ("Sinjar", "Aftermath")
    assert doc.tables[0].header == ("Country", "In Iraq") and doc.tables[0].rows == (("France", "Military"),)


def test_wikitext_refs_templates_files_urls(tmp_path):
    path = write(tmp_path, "w.txt", WIKI)
    doc = read_document(path, forced_format="wikitext")
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Intro with a Ain al-Assad Airbase link."
    assert texts[1] == "Next bold sentence."
    assert texts[-2:] == ["The end is near really.", "See now."]
    assert not any("caption" in t or "thumb" in t for t in texts)
    link = doc.sentences[0].links[0]
    assert (link.target, link.text) == ("Al Asad Airbase", "Ain al-Assad Airbase")
    a = doc.sentences[0].to_original(link.start)
    assert WIKI[a:doc.sentences[0].to_original(link.end - 1) + 1] == "Ain al-Assad Airbase"
    table = doc.tables[0]
    assert table.header == ("Country", "Troops")
    assert table.rows == (("Iraq", "10 km"), ("Syria", "none"))
    iraq_row = [s for s in doc.sentences if s.text.startswith("Iraq")][0]
    assert iraq_row.line == 7
    assert WIKI[iraq_row.to_original(0):iraq_row.to_original(0) + 4] == "Iraq"


def test_malformed_wikitext_still_gives_text(tmp_path):
    broken = ("Stray }} braces and [[unclosed link here.\nStart {{foo|bar and [[Mosul]] fell.\n"
              "{| class=wikitable\n| cell one || cell two\n== Heading ==\nLast line.")
    doc = read_document(write(tmp_path, "broken.wiki", broken), forced_format="wikitext")
    joined = " ".join(s.text for s in doc.sentences)
    assert "Mosul" in joined and "Stray" in joined and "braces" in joined and "Last line." in joined
    assert "}}" not in joined and "[[" not in joined


def test_scraped_sniffing_and_list_items(tmp_path):
    text = ("Caption of a photo. | |||\nDate | 2014 – present | ||\n|\nCoalitions\n"
            "On 3 May 2015 ministers met in Paris to plan the next steps against ISIL.\n"
            "- Exposing lies;\nNext part\nThe 2016 plan was adopted by all members present.\n")
    assert sniff_format(text) == "scraped"
    doc = read_document(write(tmp_path, "s.txt", text))
    assert [s.title for s in doc.sections] == ["Coalitions", "Next part"]
    assert "Exposing lies;" in [s.text for s in doc.sentences]
    assert doc.tables[0].rows[1][:2] == ("Date", "2014 – present")


def test_manifest_dates_and_folder_reading(tmp_path):
    write(tmp_path, "a.txt", "== Part ==\nOn 5 May troops arrived. They stayed.\n")
    write(tmp_path, "b.txt", "Plain prose about Erbil.\n")
    write(tmp_path, "README.md", "# not a document\n")
    write(tmp_path, "manifest.csv", "file,title,format,date,note\na.txt,Alpha,text,2014-05-05,\n"
                                    "b.txt,Beta,scraped,2015,\n")
    docs, errors = read_paths([tmp_path])
    assert errors == [] and [d.id for d in docs] == ["a.txt", "b.txt"]
    assert docs[0].title == "Alpha" and docs[0].date.precision == "day"
    assert docs[1].format == "scraped" and docs[1].date.precision == "year"
    # a file named directly still finds its folder's manifest
    assert read_paths([tmp_path / "a.txt"])[0][0].title == "Alpha"


def test_parse_doc_date():
    assert parse_doc_date("2025-11").end.isoformat() == "2025-11-30"
    assert parse_doc_date("2024-02").end.isoformat() == "2024-02-29"
    assert parse_doc_date("") is None


def test_iter_sentences_matches_read_document(tmp_path):
    text = "== A ==\nFirst one. Second one.\n\n=== B ===\nthird\nline? Yes.\n"
    path = write(tmp_path, "t.txt", text)
    streamed = list(iter_sentences(path))
    assert streamed == list(read_document(path).sentences)
    assert [(s.text, s.line, s.section) for s in streamed] == [
        ("First one.", 2, ("A",)), ("Second one.", 2, ("A",)),
        ("third line?", 5, ("A", "B")), ("Yes.", 6, ("A", "B"))]


def test_crlf_and_odd_line_separators_keep_line_numbers(tmp_path):
    text = "== A ==\r\nFirst one.\x0cStill line two. Second one.\r\n\r\nThird\u2028line.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read_document(path)
    assert [(s.text, s.line) for s in doc.sentences] == [
        ("First one.", 2), ("Still line two.", 2), ("Second one.", 2), ("Third\u2028line.", 4)]
    assert list(iter_sentences(path)) == list(doc.sentences)
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text


LINKED_HTML = """<html><body>
<p>Jets from <a href="https://en.wikipedia.org/wiki/Derna,_Libya">Derna</a> and a
<a href="/wiki/Panavia_Tornado"><b>Tornado</b></a> hit <a href="https://example.org/sirte">Sirte</a>
and <a href="https://en.wikipedia.org/wiki/Al-Qa%27im%2C_Iraq#History">Al-Qaim</a>.
<a href="javascript:void(0)">Benghazi</a> burned; see <a href="https://example.org/x">https://example.org/x</a> now.</p>
</body></html>
"""

LINKED_MARKDOWN = """Jets from [Derna](https://en.wikipedia.org/wiki/Derna,_Libya) and a [**Tornado**](/wiki/Panavia_Tornado) hit [Sirte](https://example.org/sirte) and [Al-Qaim][q].
[Benghazi](javascript:alert(1)) burned; see <https://en.wikipedia.org/wiki/Mosul> now.

[q]: https://en.wikipedia.org/wiki/Al-Qa%27im%2C_Iraq#History
"""


def _check_link_hints(source: str, doc) -> None:
    """Wiki URLs give Link hints on the display text; other links give none and leave no URL."""
    first, second = doc.sentences[0], doc.sentences[1]
    assert first.text == "Jets from Derna and a Tornado hit Sirte and Al-Qaim."
    assert [(l.target, l.text) for l in first.links] == [
        ("Derna, Libya", "Derna"), ("Panavia Tornado", "Tornado"), ("Al-Qa'im, Iraq", "Al-Qaim")]
    for link in first.links:
        assert first.text[link.start:link.end] == link.text
        a, b = first.to_original(link.start), first.to_original(link.end - 1) + 1
        assert source[a:b] == link.text
    assert second.text == "Benghazi burned; see now."
    assert second.links == ()
    assert not any("http" in s.text or "javascript" in s.text for s in doc.sentences)


def test_html_links_become_hints(tmp_path):
    doc = read_document(write(tmp_path, "linked.html", LINKED_HTML))
    _check_link_hints(LINKED_HTML, doc)


def test_markdown_links_become_hints(tmp_path):
    doc = read_document(write(tmp_path, "linked.md", LINKED_MARKDOWN))
    _check_link_hints(LINKED_MARKDOWN, doc)


def test_wiki_title_from_urls():
    from geo.ingest.links import wiki_title
    assert wiki_title("/wiki/Mosul") == "Mosul"
    assert wiki_title("https://en.wikipedia.org/wiki/Ra%E1%B8%A5im_Yar_Khan") == "Raḥim Yar Khan"
    assert wiki_title("https://en.wikipedia.org/w/index.php?title=Derna,_Libya&action=edit") == "Derna, Libya"
    for url in ("https://example.org/mosul", "javascript:alert(1)", "mailto:a@b.org", "/wiki/",
                "/wiki/File:Map.png", "/wiki/Category:Iraq", "http://[broken", "/world"):
        assert wiki_title(url) == "", url
