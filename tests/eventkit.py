"""Hand-built records for event tests: a sentence with its dates and place mentions."""

from __future__ import annotations

from datetime import date

from geo.model import DateSpan, Document, Mention, Place, Sentence

PLACES = {
    "Erbil": Place("t:erbil", "Erbil", "city", "IQ", 36.19, 44.01, "test"),
    "Sinjar": Place("t:sinjar", "Sinjar", "town", "IQ", 36.32, 41.87, "test"),
    "Wana": Place("t:wana", "Wana", "town", "IQ", 36.58, 42.69, "test"),
    "Zumar": Place("t:zumar", "Zumar", "town", "IQ", 36.64, 42.57, "test"),
    "Fallujah": Place("t:fallujah", "Fallujah", "city", "IQ", 33.35, 43.78, "test"),
    "Haditha Dam": Place("t:haditha-dam", "Haditha Dam", "dam", "IQ", 34.21, 42.36, "test"),
    "Barwana": Place("t:barwana", "Barwana", "town", "IQ", 34.10, 42.38, "test"),
    "Derna": Place("t:derna", "Derna", "city", "LY", 32.77, 22.64, "test"),
    "Libya": Place("t:libya", "Libya", "country", "LY", 27.0, 17.0, "test"),
    "Iraq": Place("t:iraq", "Iraq", "country", "IQ", 33.0, 44.0, "test"),
    "Mosul": Place("t:mosul", "Mosul", "city", "IQ", 36.34, 43.13, "test"),
    "Tikrit": Place("t:tikrit", "Tikrit", "city", "IQ", 34.6, 43.68, "test"),
    "Ramadi": Place("t:ramadi", "Ramadi", "city", "IQ", 33.42, 43.3, "test"),
    "Anbar": Place("t:anbar", "Anbar", "region", "IQ", 33.0, 42.0, "test"),
    "Shaheed Mwaffaq Air Base": Place("t:smab", "Shaheed Mwaffaq Air Base", "airbase", "JO", 31.83, 36.78, "test"),
    "Jordan": Place("t:jordan", "Jordan", "country", "JO", 31.0, 36.0, "test"),
    "Hit": Place("t:hit", "Hit", "town", "IQ", 33.64, 42.83, "test"),
    "Kirkuk": Place("t:kirkuk", "Kirkuk", "city", "IQ", 35.47, 44.39, "test"),
    "Makhmur": Place("t:makhmur", "Makhmur", "town", "IQ", 35.77, 43.58, "test"),
    "Gweyr": Place("t:gweyr", "Gweyr", "town", "IQ", 35.92, 43.71, "test"),
    "Raqqa": Place("t:raqqa", "Raqqa", "city", "SY", 35.95, 39.01, "test"),
    "Kobani": Place("t:kobani", "Kobani", "town", "SY", 36.89, 38.35, "test"),
    "Palmyra": Place("t:palmyra", "Palmyra", "town", "SY", 34.56, 38.28, "test"),
    "Syria": Place("t:syria", "Syria", "country", "SY", 35.0, 38.5, "test"),
    "Kuwait": Place("t:kuwait", "Kuwait", "country", "KW", 29.3, 47.6, "test"),
    "Afghanistan": Place("t:afghanistan", "Afghanistan", "country", "AF", 33.9, 67.7, "test"),
    "RAF Akrotiri": Place("t:akrotiri", "RAF Akrotiri", "airbase", "CY", 34.59, 32.99, "test"),
    "Tigris": Place("t:tigris", "Tigris", "other", "IQ", 35.0, 43.4, "test"),
    "Suruç": Place("t:suruc", "Suruç", "town", "TR", 36.98, 38.42, "test"),
    "Diyarbakır": Place("t:diyarbakir", "Diyarbakır", "city", "TR", 37.91, 40.24, "test"),
    "Hawija": Place("t:hawija", "Hawija", "town", "IQ", 35.32, 43.77, "test"),
    "Mount Sinjar": Place("t:mount-sinjar", "Mount Sinjar", "mountain", "IQ", 36.37, 41.86, "test"),
    "Qaraqosh": Place("t:qaraqosh", "Qaraqosh", "town", "IQ", 36.27, 43.38, "test"),
    "Paris": Place("t:paris", "Paris", "city", "FR", 48.86, 2.35, "test"),
    "France": Place("t:france", "France", "country", "FR", 46.6, 2.4, "test"),
    "Al Minhad Air Base": Place("t:minhad", "Al Minhad Air Base", "airbase", "AE", 25.03, 55.37, "test"),
    "United Arab Emirates": Place("t:uae", "United Arab Emirates", "country", "AE", 24.0, 54.0, "test"),
    "Abu Kamal": Place("t:abu-kamal", "Abu Kamal", "town", "SY", 34.45, 40.92, "test"),
    "Idlib": Place("t:idlib", "Idlib", "city", "SY", 35.93, 36.63, "test"),
    "Nasiriyah": Place("t:nasiriyah", "Nasiriyah", "city", "IQ", 31.04, 46.26, "test"),
}


def day(iso: str, text: str = "", at: int = -1, precision: str = "day") -> DateSpan:
    d = date.fromisoformat(iso)
    return DateSpan(d, d, precision, text, at, at + len(text) if at >= 0 else -1)


def month(year: int, mon: int, text: str = "", at: int = -1) -> DateSpan:
    import calendar
    last = calendar.monthrange(year, mon)[1]
    return DateSpan(date(year, mon, 1), date(year, mon, last), "month", text, at,
                    at + len(text) if at >= 0 else -1)


def year(value: int, text: str = "", at: int = -1) -> DateSpan:
    return DateSpan(date(value, 1, 1), date(value, 12, 31), "year", text, at, at + len(text) if at >= 0 else -1)


def make_doc(doc_id: str, items: list[tuple[str, list[tuple[str, str]], list[str]]],
             unresolved: tuple[str, ...] = ()) -> tuple[Document, list[Mention]]:
    """items: (sentence text, [(date iso or 'YYYY-MM', date text)], [place names]) one per line."""
    sentences, mentions, offset = [], [], 0
    lines = []
    for i, (text, dates, places) in enumerate(items):
        spans = []
        for iso, dtext in dates:
            at = text.find(dtext) if dtext else -1
            if len(iso) == 4:
                spans.append(year(int(iso), dtext, at))
            elif len(iso) == 7:
                spans.append(month(int(iso[:4]), int(iso[5:]), dtext, at))
            else:
                spans.append(day(iso, dtext, at))
        sentences.append(Sentence(text=text, line=i + 1, start=offset, end=offset + len(text),
                                  index=i, dates=tuple(spans)))
        searched = 0
        for name in places:
            at = text.find(name, searched)
            assert at >= 0, name
            searched = at + len(name)
            place = None if name in unresolved else PLACES[name]
            mentions.append(Mention(doc_id, i + 1, offset + at, offset + at + len(name), name, i, place,
                                    0.9 if place else 0.0))
        lines.append(offset)
        offset += len(text) + 1
    doc = Document(id=doc_id, path=doc_id, title=doc_id, format="text", date=None,
                   sentences=tuple(sentences), line_starts=tuple(lines))
    return doc, mentions
