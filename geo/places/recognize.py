"""Toponym recognition: Aho-Corasick over surface-folded names, then context rules.

Text is folded character by character (`fold.surface`), so automaton offsets are text
offsets. A match must be capitalised, whole-word, and not inside an organisation, a title,
a ship or a person's name; common words that are also places need a place cue ("in Hit").
"""

from __future__ import annotations

import bisect
import functools
import re
from bisect import bisect_right

from geo.places import fold, lexicon, names, scan
from geo.places.records import Span
from geo.places.features import (EXTEND_AFTER, FEATURE_FIRST, FEATURE_LAST, FEATURES_AFTER,
                                 FEATURES_BEFORE, LOWER_CUE, PLURAL_FEATURES)
from geo.places.linkverdict import link_verdict, model_in_link
from geo.places.nonplace import MODEL_START, Excluder, in_operation_name, is_vehicle, org_second
from geo.places.people import beside_name, person_or_group, surnames_in
from geo.places.tokens import (_NEXT_RE, _phrases, _prev_token, at_line_start, at_sentence_start,
                               in_caps_line)
from geo.places.within import holds, region_after_comma

# lower-case words allowed inside a multi-word name ("Gulf of Aden", "Ain al-Asad")
_NAME_LINKERS = frozenset("of the de del della di da do dos das du des la le el al ad ar as at az "
                          "an ash en ez es ed on upon in sur sous am im y e and bin ibn abu um "
                          "base airbase province governorate district mountains dam camp".split())
_COMMA_CAP_RE = re.compile(r",\s+[A-Z]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_MODEL_RE = re.compile(r"[A-Z]{1,4}-?\d")
_PATTERN_RE = re.compile(
    r"\b(?:(?P<pre>Camp|Mount|Forward Operating Base|FOB)\s+(?P<a>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
    r"|(?P<b>(?:(?:al-|Al-|Al |ad-|Ar-|As-)?[A-Z][\w'’\-]+\s+){1,3})(?P<post>Air Base|Airbase|Air Field|Airfield|Dam|Governorate|Province|Mountains)\b)")
# every match of _PATTERN_RE contains one of these words (scan.windowed_matches relies on it)
_PATTERN_KEYWORDS = ("Camp", "Mount", "Forward Operating Base", "FOB", "Air Base", "Airbase",
                     "Air Field", "Airfield", "Dam", "Governorate", "Province", "Mountains")
_WORD_RE = re.compile(r"[a-z0-9]+")
_ARTICLE_RE = re.compile(r"(?:al|el|ad|ar|as|an|ash|at|az)[-‑][A-Z]")
# "O'Brien", "O'Neill": an Irish surname, not the village of that name, unless a cue says place
_IRISH_RE = re.compile(r"O['’][A-Z]")


_DATELINE_RE = re.compile(r",? ?(?:\(|-|—|–|,)")


def find_spans(text: str, gazetteer, links: list[tuple[int, int, str]] = (),
               lowercase_vocab=None) -> list[Span]:
    """Candidate place-name spans in `text` (offsets into `text`)."""
    folded = fold.surface(text)
    padded = f" {folded} "
    automaton = gazetteer.automaton()
    caps = gazetteer.caps_only()
    raw = []
    for end, length in automaton.iter(padded):
        s = end - length + 1
        first = text[s]
        if not first.isupper() and (first not in "ae" or not _ARTICLE_RE.match(text, s)):
            continue  # most matches: a lower-case word ("al-" and "el-" are how _ARTICLE_RE opens)
        e = end - 1
        word = text[s:e].replace(".", "")
        if length <= 8 and folded[s:e] in caps:
            if not word.isupper():
                continue
        elif len(word) <= 5 and word.isupper() and not (len(word) >= 4 and _DATELINE_RE.match(text, e)
                                                        and at_line_start(text, s)) and not (
                len(word) >= 4 and in_caps_line(text, s)):
            continue  # an acronym (CIA, SAR) is not the place Sar; "STRIKES ON IRAQ" has no acronyms
        if e - s < 3 and folded[s:e] not in caps:
            continue
        if " " in folded[s:e] and any(w[0].islower() and w not in _NAME_LINKERS
                                      for w in _LETTERS_RE.findall(text[s:e])[1:]):
            continue  # "The camp": a name has capitals
        if text[e:e + 1] == "." and "." in text[s:e]:
            e += 1  # "U.S." keeps its last full stop
        raw.append((s, -e))  # sorts by start, then longest first, with no key function
    raw.sort()
    chosen: list[tuple[int, int]] = []
    last = -1
    for s, e in raw:
        e = -e
        if s >= last:
            chosen.append((s, e))
            last = e
    # feature patterns for names the gazetteer lacks ("Camp Speicher", "Haditha Dam")
    extra = [(s, e) for s, e in scan.windowed_matches(_PATTERN_RE, text, _PATTERN_KEYWORDS)
             if not _overlaps(chosen, s, e)]
    if extra:
        chosen = sorted(chosen + extra)
    cued = _names_after_cues(text, folded, chosen)
    if cued:
        chosen = sorted(chosen + cued)
    if not chosen:
        return []   # what _analyse gives for no candidate, without its per-text word scans
    return _analyse(text, folded, chosen, gazetteer, links, lowercase_vocab)


def _names_after_cues(text: str, folded: str, chosen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised names the automaton did not match, right after a strong place cue
    ("Near Albu Hayat,", "the village of Kisik"): data/place_context.csv role unknown_cue."""
    cues = lexicon.context().get("unknown_cue", frozenset())
    out: list[tuple[int, int]] = []
    for start, end in scan.phrase_spans(folded, cues):
        at = end
        while at < len(text) and text[at] in " \t":
            at += 1
        if at == end or at >= len(text) or not text[at].isupper():
            continue
        found = names.unknown_after_cue(text, at)
        if found and not _overlaps(chosen, *found) and not _overlaps(out, *found):
            out.append(found)
    return out


@functools.lru_cache(maxsize=1)
def _operation_regex() -> re.Pattern:
    words = sorted(lexicon.context().get("operation", ()), key=len, reverse=True) or ["(?!)"]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z0-9])")


def _any_between(positions: list[int], low: int, high: int) -> bool:
    """Whether a sorted list holds a value in [low, high)."""
    k = bisect.bisect_left(positions, low)
    return k < len(positions) and positions[k] < high


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted, non-overlapping `spans` overlaps [start, end)."""
    k = bisect.bisect_left(spans, (end,))  # spans from k on start at or after `end`
    return k > 0 and spans[k - 1][1] > start


def _analyse(text, folded, chosen, gazetteer, links, lowercase_vocab) -> list[Span]:
    ctx = lexicon.context()
    stop = lexicon.stopwords()
    demonyms = lexicon.demonyms()
    given = lexicon.given_names()
    local = lexicon.local_features()
    excluder = Excluder(text, folded)
    # the word lists as locals: each is consulted for every span
    makers = ctx.get("vehicle_maker", frozenset())
    org_before, org_after, titles = ctx["org_before"], ctx["org_after"], ctx["title"]
    place_before, modifier_head = ctx["before"], ctx["modifier_head"]
    cue_verbs, country_feature = ctx.get("cue_verb", ()), ctx.get("country_feature", ())
    surnames = surnames_in(text, given)
    phrase_ends = _phrase_ends()
    vocab: frozenset[str] | None = None  # the text's lower-case words, fetched when first needed
    ex_starts, ex_ends = excluder.starts, excluder.ends
    next_match, canonical = _NEXT_RE.match, fold.canonical
    spans: list[Span] = []
    link_at = {(s, e): t for s, e, t in links}
    regions_named: list[tuple] = []  # (place, start, end) of "Calif." in "Oakland, Calif."
    # a necessary condition for in_operation_name, cheap to test: its word, folded, lies
    # within the four tokens before the name (tokens are at most 40 characters)
    operations = [start for start, _ in scan.phrase_spans(folded, ctx.get("operation", frozenset()))]
    covered_to = -1  # end of the last name kept: a longer name may have taken in the next match
    for s, e in chosen:
        if s < covered_to:
            continue
        surface = folded[s:e]
        if not surface.isalnum():  # one plain word (most names) has no spaces to tidy
            surface = " ".join(surface.split())
        if surface in demonyms:
            continue
        k = bisect_right(ex_starts, s) - 1  # Excluder.covers, whose first step settles most
        if k >= 0 and (ex_ends[k] > s or not (k and ex_ends[k - 1] <= s and ex_starts[k] < s - 200)) \
                and excluder.covers(s, e):
            continue
        before, before_phrases, after = _around(folded, s, e, phrase_ends)
        if before and before[-1] in ("of", "and") and any(p in org_before for p in before_phrases):
            continue
        m = next_match(text, e)  # _next_token
        nt = m.span(1) if m else (-1, -1)
        nt_cap = m is not None and text[nt[0]].isupper()  # _is_cap_word: the token is not empty
        if nt_cap and (folded[nt[0]:nt[1]].strip() in org_after or org_second(text, folded, nt[1], ctx)):
            continue  # "Colorado State University": the name opens an organisation's name
        pt = _prev_token(text, s)
        prev_word = folded[pt[0]:pt[1]].strip(" .") if pt[0] >= 0 else ""  # folding is per character
        if pt[0] >= 0 and (prev_word in titles or (
                text[pt[0]].isupper() and prev_word in given and text[pt[1] - 1] != ".")):
            continue  # "Lloyd Austin", "President Obama"
        if surface in given and m is not None and (nt_cap or _ARABIC_NAME_RE.match(text, nt[0], nt[1])):
            continue  # "Jordan Peterson", "Ali al-Ghanimi"
        if m is not None and _MODEL_RE.match(text, nt[0], nt[1]):
            continue  # "Tornado GR4": a model, not a place
        if (prev_word in makers or (m is not None and text[nt[0]] in MODEL_START)) and is_vehicle(
                text, folded, pt, nt, prev_word, ctx):
            continue  # "Atlantique 2 maritime patrol aircraft", "Dassault Rafale": a model
        if surface in makers and nt_cap:
            continue  # "Toyota Hilux", "Sukhoi Su-24": a maker's name before its model's
        if surface in surnames and " " not in surface:
            continue  # "Martin" after "George Martin" earlier in the text: a person
        if operations and _any_between(operations, s - 170, s) and in_operation_name(text, s, ctx):
            continue  # "Operation Roundup", "Operation Euphrates Shield": a name, not a place
        if names.is_date(text, s, e):
            continue  # "October 6": a date, not 6th of October City
        if names.is_weapon_or_vehicle(text, e, bool(before) and before_phrases[0] in place_before):
            continue  # "Stryker vehicles", "Tor missile system"
        unknown = False
        if not link_at or (s, e) not in link_at:
            if vocab is None:
                vocab = _words_of(lowercase_vocab)
            run = names.name_run(text, s, e, vocab)
            if run != (s, e) and run[0] >= covered_to and (surface in FEATURES_BEFORE or (
                    not names.known_neighbours(text, gazetteer, run, s, e)
                    and (not names.prominent(gazetteer, text[s:e])
                         or names.arabic_compound(text[run[0]:run[1]])))):
                # "Wadi Moga": a feature word opens the name whatever the words after it
                # a part of a longer name is not a place of its own: the whole name is the unit,
                # even beside a big city's name when an article joins them ("Bab al-Hawa")
                unknown = not names.known(gazetteer, text[run[0]:run[1]])
                s, e = run
                surface = " ".join(folded[s:e].split())
                before, before_phrases, after = _around(folded, s, e, phrase_ends)
                m = next_match(text, e)
                nt = m.span(1) if m else (-1, -1)
                pt = _prev_token(text, s)
                prev_word = folded[pt[0]:pt[1]].strip(" .") if pt[0] >= 0 else ""
        if unknown and person_or_group(surface, prev_word, given, ctx):
            covered_to = e  # nor a place inside it ("al-Sham" in "Ajnad al-Sham")
            continue  # "Colonel Ahmed al-Saidi", "Liwa al-Aqsa": a person's or a group's name
        name = text[s:e]
        span = Span(s, e, name, name, unknown=unknown)
        loose_cue = False
        # feature cues and span extension
        if after and after[0] in FEATURE_FIRST:
            loose_cue = _feature_after(text, s, e, after, span)
        if not span.cue and before and before[-1] in FEATURE_LAST:
            for p in before_phrases:
                if p in FEATURES_BEFORE and pt[0] >= 0 and text[pt[0]].isupper():
                    span.cue = FEATURES_BEFORE[p]
                    span.strong = True
        # before_phrases: the word before, then the two and three words before
        if before_phrases[1:] and (before_phrases[1] in place_before or before_phrases[2:3] and
                                   before_phrases[2] in place_before):
            span.strong = True  # "Battle of X", "city of X"
        elif before and before_phrases[0] in place_before:
            span.strong = span.needs_country = True  # "in X": a place if in the document's countries
        elif before and before[-1] in cue_verbs:
            span.needs_country = True  # "recaptured X": a place if in the document's countries
        if name[:1] == "O" and _IRISH_RE.match(text, s) and not span.strong and not span.cue:
            continue  # "O'Brien's unit": a person
        after_char = text[e:e + 1]
        if after_char == "," and _COMMA_CAP_RE.match(text, e):
            region = region_after_comma(text, e, gazetteer, name)
            if region is not None:
                span.within = region[0]
                span.strong = True
                regions_named.append(region)
        if link_at:
            link = link_at.get((s, span.end)) or link_at.get((s, e), "")
            if not link and model_in_link(text, s, e, links, gazetteer):
                continue  # "[[Dassault Mirage 2000|Mirage 2000]]": the link names the model
            if link:
                verdict = link_verdict(link, span.name, gazetteer)
                if verdict is False:
                    continue  # [[Panavia Tornado|Tornado]]: the link says what it is
                span.link = link
                span.strong = True
                span.needs_country = False
        if span.unknown and not (span.strong or span.needs_country or names.article_joined(name)):
            continue  # "Harvey Weinstein": an unknown longer name needs a place cue to be one
        # modifiers: "U.S. forces", "US-led"
        if after and after[0] in modifier_head and (after_char == "-" or (
                after_char == " " and m is not None and text[nt[0]].islower())):
            span.modifier = True
        if after_char == " " and after and (after[0] in country_feature or
                                            " ".join(after[:2]) in country_feature):
            span.feature = True  # "the Oman oilfield", "Jordan Street": a feature, not the country
        rule = stop.get(canonical(name))
        if rule == "never" and (not span.cue or loose_cue):
            continue
        if rule == "context" and not span.strong:
            # "Fallujah, Ramadi and Hit": kept only as a list partner of other places
            span.weak_reasons.append("list-only")
        if " " not in surface and not span.strong:
            if at_sentence_start(text, s):
                span.weak_reasons.append("sentence-start")
            if vocab is None:
                vocab = _words_of(lowercase_vocab)
            if surface in vocab:
                span.weak_reasons.append("common-word")
            if beside_name(text, pt, nt, vocab):
                span.weak_reasons.append("name-neighbour")  # "Tracy Jane", "Liz McLaughlin"
            if nt_cap and folded[nt[0]:nt[1]].strip() in local:
                span.weak_reasons.append("facility-name")  # "Brick Factory": a building's name
        spans.append(span)
        covered_to = span.end
    return _link_spans(text, gazetteer, _add_region_spans(text, spans, regions_named))


def _around(folded: str, s: int, e: int, phrase_ends: frozenset[str]) -> tuple[list, list, list]:
    """The three folded words before and after a name, and the phrases the words before
    form that can end a longer cue ("battle of")."""
    before = folded[max(0, s - 40):s].split()[-3:]
    after = folded[e:e + 40].split()[:3]
    if not before or before[-1] not in phrase_ends:
        before_phrases = before[-1:]  # no longer phrase before a name can end with it
    elif len(before) == 3:
        b2 = before[1] + " " + before[2]
        before_phrases = [before[2], b2, before[0] + " " + b2]
    else:
        before_phrases = _phrases(before, True)
    return before, before_phrases, after


@functools.lru_cache(maxsize=1)
def _phrase_ends() -> frozenset[str]:
    """The last words of the phrases of several words looked for before a name (roles
    before and org_before, FEATURES_BEFORE): after any other word only the word itself can
    match, so _analyse builds no longer phrases."""
    ctx = lexicon.context()
    phrases = [*ctx["before"], *ctx["org_before"], *FEATURES_BEFORE]
    return frozenset(p.split()[-1] for p in phrases if " " in p) | {"of", "and"}


def _words_of(lowercase_vocab) -> frozenset[str]:
    """The set behind `lowercase_vocab()` (empty without one)."""
    if lowercase_vocab is None:
        return frozenset()
    words = lowercase_vocab()
    return words.words() if isinstance(words, scan.LowercaseVocab) else words


_ARABIC_NAME_RE = re.compile(r"(?:al|el|bin|ibn)-?[A-Z]")


def _feature_after(text: str, s: int, e: int, after: list[str], span: Span) -> bool:
    """A feature word after the name ("Haditha Dam", "in Hasakah province") sets the span's
    cue (and makes the word part of the name when capitalised); True when the cue is not
    part of the name ("Naval Air Station")."""
    for k in (3, 2, 1):
        phrase = " ".join(after[:k])
        if len(after) >= k and phrase in FEATURES_AFTER and text[e:e + 1] == " " and (
                text[e + 1:e + 2].isupper() or phrase in LOWER_CUE):
            span.cue = FEATURES_AFTER[phrase]
            if phrase in EXTEND_AFTER and text[e + 1:e + 2].isupper():
                m = re.match(r"\s+" + r"\W+".join(re.escape(w) for w in phrase.split()), text[e:], re.I)
                if m:
                    span.end = e + m.end()
                    span.text = text[s:span.end]
            span.strong = True
            return span.end == e
    return False


def _link_spans(text: str, gazetteer, spans: list[Span]) -> list[Span]:
    """Names in one list are alike; a common word stays only inside a list of places; the
    region after "Town, " is the one the town lies in."""
    for a, b in zip(spans, spans[1:]):
        # "California, Washington, Utah": names in one list are alike (resolve uses it)
        if a.within is None and _LIST_SEP_RE.fullmatch(text, a.end, b.start):
            a.group = a.start if a.group < 0 else a.group
            b.group = a.group
    _share_plural_kind(text, spans)
    # a common word ("Hit") stays only inside a list of places; resolve checks the partners
    spans = [sp for sp in spans if sp.group >= 0 or "list-only" not in sp.weak_reasons]
    for i, (a, b) in enumerate(zip(spans, spans[1:])):
        # "Tacoma, Washington", "Columbus, Georgia": the name after the comma is the region
        # or country that region_after_comma found for the town before it; not in a list
        # ("Washington, New York and Boston") nor when no such town lies there
        if (a.within is not None and b.start - a.end <= 3 and text[a.end:b.start].strip() == ","
                and not (i + 2 < len(spans) and _LIST_GAP_RE.fullmatch(text, b.end, spans[i + 2].start))
                and holds(a.within, gazetteer.lookup(a.text))):
            b.container = a.within
    return spans


_PLURAL_FEATURE_RE = re.compile(r"\s+(?:" + "|".join(PLURAL_FEATURES) + r")\b", re.IGNORECASE)


def _share_plural_kind(text: str, spans: list[Span]) -> None:
    """"the Idlib and Hama governorates": the plural feature word after a list's last name is the
    kind of every name in the list, not of the last one only."""
    for i, sp in enumerate(spans):
        last = i + 1 == len(spans) or spans[i + 1].group != sp.group
        if sp.group < 0 or not sp.cue or not last or not _PLURAL_FEATURE_RE.match(text, sp.end):
            continue
        for other in spans[:i]:
            if other.group == sp.group and not other.cue:
                other.cue = sp.cue


def _add_region_spans(text: str, spans: list[Span], regions_named: list[tuple]) -> list[Span]:
    """The region after "Town, " is a mention too, even where the automaton has no key for
    it: AP abbreviations ("Oakland, Calif.", "Severn, Md.") are lookup-only names."""
    bounds = [(sp.start, sp.end) for sp in spans]  # sorted, not overlapping
    added = [Span(start, end, text[start:end], text[start:end], strong=True)
             for _place, start, end in regions_named if not _overlaps(bounds, start, end)]
    return sorted(spans + added, key=lambda sp: sp.start) if added else spans


_LIST_SEP_RE = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_LIST_GAP_RE = re.compile(r",? *(?:and|or|&)? *")


def lowercase_vocabulary(text: str):
    """The words the text writes in lower case (common words), as a lazy membership test:
    `word in lowercase_vocabulary(text)()`."""
    vocab = scan.LowercaseVocab(text)

    def get() -> scan.LowercaseVocab:
        return vocab
    return get
