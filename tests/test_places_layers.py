"""geo/places/ flows one way: gazetteer data -> scanning -> candidates -> resolution ->
evaluation. Every module imports (at the top or inside a function) only modules listed before it
in ORDER, so no import circle can come back; a new module must be given its place here."""

from __future__ import annotations

import ast
from pathlib import Path

import geo.places

PLACES = Path(geo.places.__file__).parent

ORDER = (
    # gazetteer data: records, word lists, folding, the sources, the cache and its loader
    "records", "features", "fold", "tokens", "scan", "store", "fork", "usatlas", "lexicon",
    "sources", "build", "cache", "gazetteer", "geocache", "online",
    # scanning: names in text
    "names", "within", "linkverdict", "people", "nonplace", "recognize",
    # candidates and what a text's names say about each other
    "candidates", "locality", "discourse",
    # resolution, then mentions of a document and their rows
    "resolve", "given", "anaphora", "docplace", "mentions", "output",
    # evaluation and the geopy-style front
    "evaluate", "geocoder",
)


def _package_exports() -> dict[str, str]:
    """Names `geo.places` re-exports -> the module that defines them (from its __init__)."""
    tree = ast.parse((PLACES / "__init__.py").read_text(encoding="utf-8"))
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("geo.places."):
            for alias in node.names:
                out[alias.asname or alias.name] = node.module.rsplit(".", 1)[1]
    return out


def _imports(path: Path, modules: set[str], exports: dict[str, str]) -> set[str]:
    """The geo.places modules a file imports anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("geo.places."):
                    found.add(alias.name.split(".")[2])
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "geo.places":
                for alias in node.names:
                    found.add(alias.name if alias.name in modules else exports[alias.name])
            elif node.module.startswith("geo.places."):
                found.add(node.module.split(".")[2])
    return found


def test_every_module_has_a_place_in_the_order():
    modules = {p.stem for p in PLACES.glob("*.py")} - {"__init__"}
    assert sorted(modules - set(ORDER)) == []
    assert sorted(set(ORDER) - modules) == []
    assert len(ORDER) == len(set(ORDER))


def test_each_module_imports_only_modules_before_it():
    modules = set(ORDER)
    exports = _package_exports()
    backwards = []
    for name in ORDER:
        for dep in _imports(PLACES / f"{name}.py", modules, exports):
            if ORDER.index(dep) >= ORDER.index(name):
                backwards.append(f"{name} imports {dep}")
    assert backwards == []


def test_the_check_sees_an_import_that_goes_backwards(tmp_path):
    # the checker itself: a module reaching forward (lazily, inside a function) is caught
    fake = tmp_path / "fold.py"
    fake.write_text("def f():\n    from geo.places.resolve import resolve_all\n"
                    "    from geo.places import find_mentions\n", encoding="utf-8")
    deps = _imports(fake, set(ORDER), _package_exports())
    assert deps == {"resolve", "mentions"}
    assert all(ORDER.index(d) > ORDER.index("fold") for d in deps)
