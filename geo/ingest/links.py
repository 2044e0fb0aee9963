"""Page titles from link URLs, so HTML and Markdown links become the same hints as [[wiki links]].

Only Wikipedia-style URLs name a page ("/wiki/Derna,_Libya", "index.php?title=Mosul"); any other
URL says nothing about what its text is, so it gives no hint at all.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

# Namespaces whose pages are not subjects (files and categories, as the wikitext reader drops,
# plus the project's own pages and their talk pages).
_NS = {"file", "image", "category", "media", "special", "template", "help", "talk",
       "user", "wikipedia", "portal", "draft", "module", "mediawiki"}
_DROP_NS = _NS | {ns + "talk" for ns in _NS}
_SCHEMES = {"", "http", "https"}


def wiki_title(url: str) -> str:
    """The page title a Wikipedia-style URL links to ('' when it is not one)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in _SCHEMES:
        return ""                               # javascript:, mailto:, data:, ...
    marker = parts.path.find("/wiki/")
    if marker != -1:
        raw = unquote(parts.path[marker + len("/wiki/"):])
    elif parts.path.endswith("/index.php"):
        raw = (parse_qs(parts.query).get("title") or [""])[0]   # parse_qs decodes it
    else:
        return ""
    title = " ".join(raw.replace("_", " ").split())
    if not title:
        return ""
    namespace, colon, _ = title.partition(":")
    if colon and namespace.strip().lower().replace(" ", "") in _DROP_NS:
        return ""
    return title
