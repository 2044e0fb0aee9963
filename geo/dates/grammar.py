"""The date grammar: one compiled regex that finds date expressions and turns each into a
`Raw` record (partial points, not yet resolved against context).

One alternation scanned once keeps tagging fast; a match is then read group by group. Most
sentences take a faster form of the same scan (see patterns() and prefilter.py); both give the
same matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from geo.dates.lexicon import lexicon, offset_of
from geo.dates.prefilter import lower_led_possible


@dataclass
class Point:
    """A partial calendar point: any of year/month/day may be missing until context fills it."""

    y: int | None = None
    m: int | None = None
    d: int | None = None
    part: str | None = None        # early/mid/late/end/...: a slice of the month or year
    season: str | None = None


@dataclass
class Raw:
    """One expression found in text, before context resolves missing parts."""

    start: int
    end: int
    lo: Point = field(default_factory=Point)
    hi: Point | None = None        # set for ranges
    rel: str | None = None         # relative kind ("same_month", "next_year", ...)
    qualifier: str = ""
    cue: bool = False              # preceded by a cue word ("in", "by", ...)
    needs_cue: bool = False        # a bare month/season: only a date after a cue word
    year_hint: int | None = None   # year borrowed from a following expression
    to_present: bool = False       # "13 June 2014 – present"
    background: bool = False       # after a background cue ("since"): not the story's time

    def year(self) -> int | None:
        if self.hi is not None and self.hi.y is not None:
            return self.hi.y
        return self.lo.y if self.lo.y is not None else self.year_hint


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cap(word: str) -> str:
    return f"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}"


def _heads(words) -> str:
    return "".join(sorted({re.escape(w[0]) for w in words}))


def _by_first_letter(words: Iterable[str]) -> str:
    """"[Aa](?:utumn|few)|[Ee]arly": one branch per first letter, so the trigger, tried at
    every word start, tests each letter once instead of once per word."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{_cap(c)}(?:{'|'.join(sorted(r, key=len, reverse=True))})"
                    for c, r in sorted(rests.items()))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Compile the master pattern and its helpers once."""
    lx = lexicon()
    abbrevs = [n.capitalize() for n in lx.months if n.capitalize() not in lx.full_months]
    M = rf"(?:(?:{_alt(list(lx.full_months))})\b|(?:{_alt(abbrevs)})(?:\.|\b))"
    MF = rf"(?:{_alt(list(lx.full_months))})\b"
    D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
    Y = r"(?:1[89]\d\d|20\d\d)(?!\d)"
    NB = r"(?<![\w.,$/#-])"                   # not inside a number, code or identifier
    DSEP = r"(?P<{0}>\s*[–—/-]\s*|\s+(?:to|and|through|until|till|or)\s+)"
    mods = sorted({m for m, _ in lx.parts}, key=len, reverse=True)
    MOD = r"(?i:(?:the\s+)?(?:" + "|".join(
        (m if m in ("early", "mid", "late") else m + r"\s+of") for m in mods) + "))"
    SEASON = "(?i:" + _alt(list(lx.seasons)) + ")"
    rel = [p for p in lx.relative if p not in lx.offsets]
    # "twenty-two days later", "10 weeks earlier": a count, a unit and a direction (counted_offsets.csv)
    NUM = rf"(?:\d{{1,3}}|(?i:{_alt(list(lx.numbers))})(?:[\s-](?i:{_alt(list(lx.numbers))}))?)"
    COUNTED = (rf"\b(?P<cnt_w>{NUM}\s+(?i:{_alt(list(lx.units))})\s+(?i:{_alt(list(lx.directions))}))\b")
    alts = {
        "iso": rf"(?<![\d-])(?P<iso_y>\d{{4}})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d-])",
        "num": rf"(?<![\d/.,])(?P<num_a>\d{{1,2}})/(?P<num_b>\d{{1,2}})/(?P<num_y>\d{{4}}|\d\d)(?![\d/])",
        "fd": rf"(?i:the\s+first\s+)(?P<fd_n>\d{{1,2}})\s+days\s+of\s+(?P<fd_m>{M})(?:,?\s+(?P<fd_y>{Y}))?",
        "ddm": (rf"{NB}(?:the\s+)?(?P<ddm_d1>{D})(?:\s+of)?(?:\s+(?P<ddm_m1>{M}))?(?:,?\s+(?P<ddm_y1>{Y}))?"
                + DSEP.format("ddm_sep")
                + rf"(?:the\s+)?(?P<ddm_d2>{D})(?:\s+of)?\s+(?P<ddm_m2>{M})(?:,?\s+(?P<ddm_y2>{Y}))?"),
        "dm": rf"{NB}(?:the\s+)?(?P<dm_d>{D})(?:\s+of)?\s+(?P<dm_m>{M})(?:,?\s+(?P<dm_y>{Y}))?",
        "md": (rf"(?P<md_m>{M})\s+(?P<md_d1>{D})(?:\s*[–—-]\s*(?P<md_d2>{D}))?(?![\d,.]\d)"
               rf"(?:,?\s+(?P<md_y>{Y}))?"),
        "my": rf"(?P<my_m>{M}),?\s+(?P<my_y>{Y})",
        "mm": rf"(?P<mm_m1>{MF})\s*[–—-]\s*(?P<mm_m2>{M})(?:,?\s+(?P<mm_y>{Y}))?",
        "mod": (rf"\b(?P<mod_w>{MOD})(?:\s*-\s*|\s+)(?:(?P<mod_m>{M})(?:,?\s+(?P<mod_y>{Y}))?"
                rf"|(?P<mod_yy>{Y}))"),
        "sea": rf"\b(?P<sea_w>{SEASON})(?:\s+of)?\s+(?P<sea_y>{Y})",
        "yr2": (rf"{NB}(?P<yr2_a>{Y})(?P<yr2_sep>\s*[–—/-]\s*|\s+to\s+)(?P<yr2_b>(?:1[89]|20)\d\d|\d\d)"
                r"(?![\w%]|[.,]\d)"),
        "yr": rf"{NB}(?P<yr_y>{Y})(?![\w%]|[.,]\d|-\w)",
        "rel": r"\b(?P<rel_w>(?i:" + _alt(rel) + r"))\b",
        # offsets in plain case classes: sre skips a branch on its first character only then
        "off": r"\b(?P<off_w>" + "|".join(_cap(w).replace(r"\ ", r"\s+") for w in sorted(
            lx.offsets, key=len, reverse=True)) + r")\b",
        "cnt": COUNTED,
        "bm": rf"\b(?P<bm_m>{MF})(?!\s*[–—-]?\s*\d)",
        "bs": rf"\b(?P<bs_w>(?i:{_alt(sorted(set(lx.seasons) - {'fall'}))}))\b(?!\s+of\b)",  # "fall" alone is a verb
    }
    # Each alternative is guarded by the characters it can start with, so a failing
    # alternative costs one character test instead of a walk into its body (same results).
    mon = f"[{_heads(n.capitalize() for n in lx.months)}]"
    seasons = set(lx.seasons)
    guards = {"iso": r"\d", "num": r"\d", "fd": "(?i:t)", "ddm": "[0-9t]", "dm": "[0-9t]",
              "md": mon, "my": mon, "mm": mon, "mod": f"(?i:[t{_heads(mods)}])",
              "sea": f"(?i:[{_heads(seasons)}])", "yr2": "[12]", "yr": "[12]",
              "rel": f"(?i:[{_heads(rel)}])", "off": f"(?i:[{_heads(lx.offsets)}])",
              "cnt": f"(?i:[0-9{_heads(lx.numbers)}])", "bm": mon,
              "bs": f"(?i:[{_heads(seasons - {'fall'})}])"}
    master = "|".join(f"(?={guards[k]})(?P<{k}>{v})" for k, v in alts.items())
    # A cheap trigger lookahead finds the few places where an expression can start; the master
    # alternation is only tried there (trying it at every position is ten times slower).
    rel_words = [w.split() for w in lx.relative]
    after_the = {w[1] for w in rel_words if w[0] == "the"} | {m for m, _ in lx.parts} | {"first"}
    firsts = {w[0] for w in rel_words if w[0] != "the"} | {m for m, _ in lx.parts} | set(lx.seasons)
    # relative phrases trigger on their first two words: a lone "a" or "two" is too common
    heads = ({m for m, _ in lx.parts} | set(lx.seasons) | set(lx.numbers)
             | {" ".join(w[:2]) for w in rel_words if w[0] != "the"})
    head_alt = _by_first_letter(heads)
    month_heads = "|".join(sorted({n[:3].capitalize() for n in lx.months}))
    # explicit [Tt] classes instead of (?i:...): case-folded matching doubles the scan time
    trigger = (rf"\b(?:\d|(?:{month_heads})|[Tt]he\s+(?:\d|{_alt(sorted(after_the))})"
               rf"|(?:{head_alt})\b)")
    quals = _alt(list(lx.qualifiers))
    scanner = f"(?={trigger})(?:{master})"
    # Fast path for sentences where every expression starts at an ASCII digit or capital
    # (prefilter.py decides): sre skips every character outside this first-character set in C,
    # and the look-behind rewinds one character to run the full scanner there; the groups keep
    # their spans, so the match itself is only that first character.
    upper_firsts = "".join(sorted({h[0] for h in month_heads.split("|")} | {"T"}
                                  | {w[0].upper() for w in firsts | set(lx.numbers)}))
    mod_heads = rf"(?:{_alt(mods)})(?:\s+[Oo][Ff])?(?:\s*-\s*|\s+)(?:{month_heads}|[0-9])"
    return {
        "master": re.compile(master),
        "scanner": re.compile(scanner),
        "fast": re.compile(rf"[0-9{upper_firsts}](?<=(?={scanner})[\s\S])"),
        "the_digit": re.compile(r"the\s+[0-9]"),
        "risky": re.compile(r"[^\x00-\x7f](?<=[\d\u0130\u0131\u017f\u212a])"),
        "mod_head": re.compile(mod_heads),
        "cue": re.compile(
            rf"\b(?=[{_heads(lx.qualifiers)}])(?P<q>{quals})\s+(?:the\s+)?"
            r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
            r"(?:the\s+)?(?:(?:evening|morning|night)\s+of\s+)?$", re.IGNORECASE),
        "bad_before": re.compile(
            r"(?<![\w.])(?:" + _alt(sorted(lx.not_before_year)) + r")\s*$", re.IGNORECASE),
        "word_after": re.compile(r"\s+([a-z]+)"),
        # "that 2000 MNLF fighters", "sent 1500 U.S. troops": a count, names between it and its noun
        "named_after": re.compile(r"(?:\s+[A-Z][A-Za-z.]*(?=\s)){1,2}\s+([a-z]+)"),
        "word_next": re.compile(r"\s+\w"),
        "count_before": re.compile(r"(?<![\w-])([\w-]+)[\s-]+$"),
        "range_gap": re.compile(r"\s*[–—-]\s*|\s+(?:to|until|till|through)\s+"),
        "and_gap": re.compile(r"\s+and\s+"),
        "list_gap": re.compile(r"(?:\s*(?:,|and|or|to|into|through|until|–|—|-)\s*)+"),
        "present": re.compile(r"\s*[–—-]\s*present\b", re.IGNORECASE),
    }


def _month(s: str) -> int:
    return lexicon().months[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _part_name(w: str) -> str:
    words = w.lower().split()
    return words[-2] if words[-1] == "of" else words[-1]


def read_match(m: re.Match[str], text: str, us_order: bool) -> list[Raw]:
    """Turn one master-pattern match into zero, one or two Raw records."""
    kind = m.lastgroup
    g = m.group
    s, e = m.span(kind)         # the fast scanner's match itself is only the first character
    if kind == "iso":
        return [Raw(s, e, Point(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))))]
    if kind == "num":
        a, b, y = int(g("num_a")), int(g("num_b")), int(g("num_y"))
        y = y if y >= 100 else (2000 + y if y < 70 else 1900 + y)
        mo, d = (a, b) if (us_order and a <= 12) or b > 12 else (b, a)
        return [Raw(s, e, Point(y, mo, d))]
    if kind == "fd":
        mo, y = _month(g("fd_m")), _int(g("fd_y"))
        return [Raw(s, e, Point(y, mo, 1), Point(y, mo, int(g("fd_n"))))]
    if kind == "ddm":
        m2, y2 = _month(g("ddm_m2")), _int(g("ddm_y2"))
        m1 = _month(g("ddm_m1")) if g("ddm_m1") else m2
        y1 = _int(g("ddm_y1"))
        if y1 is None and y2 is not None:
            y1 = y2 - 1 if m1 > m2 else y2
        lo, hi = Point(y1, m1, _day(g("ddm_d1"))), Point(y2, m2, _day(g("ddm_d2")))
        if g("ddm_sep").strip() == "and":          # "8 and 9 August": two days, or a range after "between"
            first_end = max(x for x in (m.end("ddm_d1"), m.end("ddm_m1"), m.end("ddm_y1")) if x >= 0)
            return [Raw(s, first_end, lo), Raw(m.start("ddm_d2"), e, hi)]
        return [Raw(s, e, lo, hi)]
    if kind == "dm":
        return [Raw(s, e, Point(_int(g("dm_y")), _month(g("dm_m")), _day(g("dm_d"))))]
    if kind == "md":
        mo, y = _month(g("md_m")), _int(g("md_y"))
        lo = Point(y, mo, _day(g("md_d1")))
        hi = Point(y, mo, _day(g("md_d2"))) if g("md_d2") else None
        return [Raw(s, e, lo, hi)]
    if kind == "my":
        return [Raw(s, e, Point(int(g("my_y")), _month(g("my_m"))))]
    if kind == "mm":
        m1, m2, y = _month(g("mm_m1")), _month(g("mm_m2")), _int(g("mm_y"))
        y1 = y - 1 if (y is not None and m1 > m2) else y
        return [Raw(s, e, Point(y1, m1), Point(y, m2))]
    if kind == "mod":
        part = _part_name(g("mod_w"))
        if g("mod_yy"):
            return [Raw(s, e, Point(int(g("mod_yy")), part=part))]
        return [Raw(s, e, Point(_int(g("mod_y")), _month(g("mod_m")), part=part))]
    if kind == "sea":
        return [Raw(s, e, Point(int(g("sea_y")), season=g("sea_w").lower()))]
    if kind == "yr2":
        a, b, sep = int(g("yr2_a")), g("yr2_b"), g("yr2_sep").strip()
        if len(b) == 2:
            if sep == "-" and b.startswith(("0", "1")) and int(b) <= 12 and int(b) <= a % 100:
                return [Raw(s, e, Point(a, int(b)))]        # "2014-08": ISO year-month
            b_year = a // 100 * 100 + int(b)
        else:
            b_year = int(b)
        if b_year <= a:
            return []
        return [Raw(s, e, Point(a), Point(b_year))]
    if kind == "yr":
        return [Raw(s, e, Point(int(g("yr_y"))))] if _plausible_year(m, text) else []
    if kind == "rel":
        return [Raw(s, e, rel=lexicon().relative[" ".join(g("rel_w").lower().split())])]
    if kind == "off":
        if g("off_w").rsplit(None, 1)[-1] in ("before", "prior") and patterns()["word_next"].match(text, e):
            return []       # "two days before the attack" counts from the attack, not a date
        count = patterns()["count_before"].search(text, max(0, s - 12), s)
        if count and (count.group(1).isdigit() or count.group(1).lower() in lexicon().count_words):
            return []       # "10 days later", "ten days later": a count no row gives, so no date
        return [Raw(s, e, rel="offset")]
    if kind == "cnt":
        if g("cnt_w").rsplit(None, 1)[-1].lower() in ("before", "prior", "after") and patterns()["word_next"].match(text, e):
            return []       # "ten days after the attack" counts from the attack, not a date
        return [Raw(s, e, rel="offset")] if offset_of(g("cnt_w")) else []
    if kind == "bm":
        return [Raw(s, e, Point(None, _month(g("bm_m"))), needs_cue=True)]
    if kind == "bs":
        return [Raw(s, e, Point(None, season=g("bs_w").lower()), needs_cue=True)]
    return []


def _plausible_year(m: re.Match[str], text: str) -> bool:
    """A bare four-digit number is a year unless it counts things or names a resolution."""
    p = patterns()
    s, e = m.span(m.lastgroup)
    if p["bad_before"].search(text, max(0, s - 14), s):
        return False
    after = p["word_after"].match(text, e)
    if after and after.group(1) in lexicon().not_after_year:
        return False
    # after a date cue ("In 2015 ISIL fighters seized ...") a year stays a year
    named = p["named_after"].match(text, e)
    return not (named and named.group(1) in lexicon().not_after_year
                and not (s and text[s - 1].isspace() and p["cue"].search(text, max(0, s - 40), s)))


def _matches(text: str, p: dict[str, re.Pattern[str]],
             full: bool | None) -> Iterable[re.Match[str]]:
    """The scanner's matches, as finditer would give them. Plain-ASCII text with no possible
    lower-case-led expression only needs starts at a digit or a capital (see patterns())."""
    if full is None:
        full = lower_led_possible(text, p)
    if full:
        return p["scanner"].finditer(text)
    out = []
    search = p["fast"].search
    m = search(text)
    while m is not None:
        out.append(m)
        m = search(text, m.end(m.lastgroup))
    return out


def _qualifier(cue: str) -> str:
    """The qualifier of a cue phrase as matched case-blind ("İn" lower-cases to "i̇n", not "in")."""
    quals = lexicon().qualifiers
    key = " ".join(cue.lower().split())
    if key in quals:
        return quals[key]
    return next((q for phrase, q in quals.items()
                 if re.fullmatch(r"\s+".join(map(re.escape, phrase.split())), cue, re.IGNORECASE)), "")


def scan(text: str, us_order: bool = True, full: bool | None = None) -> list[Raw]:
    """Every expression in `text`, with cue words read, ranges merged and years shared.

    `full`: whether the text needs the full scan (prefilter.lower_led_flags, computed for many
    sentences at once); None works it out."""
    p = patterns()
    raws: list[Raw] = []
    for m in _matches(text, p, full):
        for r in read_match(m, text, us_order):
            # a cue ends in white space: test that before the costlier search
            cue = (p["cue"].search(text, max(0, r.start - 40), r.start)
                   if r.start and text[r.start - 1].isspace() else None)
            if cue and r.needs_cue and cue.group(0).rstrip().lower().endswith("the") and r.lo.season is None:
                cue = None              # "on the March" is a title, not a month
            if cue:
                r.cue = True
                r.qualifier = _qualifier(cue.group("q"))
                r.background = " ".join(cue.group("q").lower().split()) in lexicon().background
            raws.append(r)
    if not raws:
        return raws
    raws = _merge(text, raws)
    _share_years(text, raws)
    return raws


def _merge(text: str, raws: list[Raw]) -> list[Raw]:
    """Join "December 2015–January 2016", "between X and Y", "X – present"; drop bare months
    and seasons that lack a cue word (unless they continue a list: "September and October")."""
    p = patterns()
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if r.needs_cue and not r.cue:
            prev = out[-1] if out else None
            if not (prev and p["list_gap"].fullmatch(text, prev.end, r.start)):
                i += 1
                continue
        if (nxt is not None and r.hi is None and nxt.hi is None and r.rel is None and nxt.rel is None
                and (p["range_gap"].fullmatch(text, r.end, nxt.start)
                     or (r.qualifier == "between" and p["and_gap"].fullmatch(text, r.end, nxt.start)))):
            lo, hi = r.lo, nxt.lo
            if lo.y is None and hi.y is not None:
                lo.y = hi.y - 1 if (lo.m and hi.m and lo.m > hi.m) else hi.y
            out.append(Raw(r.start, nxt.end, lo, hi, qualifier="" if r.qualifier in ("between", "since") else r.qualifier, cue=r.cue))
            i += 2
            continue
        if r.rel is None:
            pm = p["present"].match(text, r.end)
            if pm:
                r.to_present, r.end = True, pm.end()
                if r.qualifier == "since":
                    r.qualifier = ""
        if r.qualifier == "between":
            r.qualifier = ""
        out.append(r)
        i += 1
    return out


def _share_years(text: str, raws: list[Raw]) -> None:
    """"5 September, 15 September and 3 December 2014": a year-less item takes the year of the
    next item of the same list."""
    p = patterns()
    for i in range(len(raws) - 2, -1, -1):
        r, nxt = raws[i], raws[i + 1]
        if r.rel or r.year() is not None or nxt.rel:
            continue
        ny = nxt.lo.y if nxt.lo.y is not None else nxt.year()
        if ny is not None and nxt.start - r.end <= 12 and p["list_gap"].fullmatch(text, r.end, nxt.start):
            last_m = (r.hi or r.lo).m
            # "December and into January 2015": December is the year before
            r.year_hint = ny - 1 if (last_m and nxt.lo.m and last_m > nxt.lo.m) else ny
