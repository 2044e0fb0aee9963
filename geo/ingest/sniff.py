"""Guess a document's format from its content (the file extension is only a tie-breaker)."""

from __future__ import annotations

import re

FORMATS = ("text", "scraped", "wikitext", "html", "markdown")

_HTML = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<(?:p|div|h[1-6]|table|ul|article)[\s>]", re.I)
_WIKI = re.compile(r"\[\[[^\]\n]+\]\]|\{\{[^{}\n]*\}\}|<ref[\s>]|^\{\|", re.M)
_EQ_HEADING = re.compile(r"^={2,6}[^=\n]+={2,6}[ \t]*$", re.M)
_MD = re.compile(r"^#{1,6} \S|^\s*[-*] \[|\]\([^)\s]+\)|^```|\*\*\S", re.M)
_PIPE_ROW = re.compile(r"^[^|\n]{1,60}\|.*\|\s*$|^.*\|\s*\|+\s*$", re.M)


def sniff_format(text: str, name: str = "") -> str:
    """One of FORMATS for `text` (its first 64 KB are looked at)."""
    head = text[:65536]
    lower = name.lower()
    if head.startswith("---") and re.match(r"---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*\r?$", head, re.S | re.M):
        return "markdown"
    if len(_HTML.findall(head[:8192])) >= 2 or lower.endswith((".html", ".htm")):
        return "html"
    if len(_WIKI.findall(head)) >= 3 or lower.endswith((".wiki", ".wikitext", ".mediawiki")):
        return "wikitext"
    if _EQ_HEADING.search(head):
        return "text"
    if len(_MD.findall(head)) >= 2 or lower.endswith((".md", ".markdown")):
        return "markdown"
    if "|" in head and len(_PIPE_ROW.findall(head)) >= 2:   # (its lines backtrack: try it only on pipes)
        return "scraped"
    return "text"
