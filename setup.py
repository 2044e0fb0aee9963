"""Packaging detail pyproject.toml cannot say with automatic package discovery: data/ stays at
the top of the repository (design card) and ships inside the wheel as geo/data, package data
that geo/settings.py finds when the package is installed. Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
# data/ and each folder in it (corpus/, dates/, ...) as a data-only package under geo.data
DATA_PACKAGES = ["geo.data", *sorted("geo.data." + ".".join(p.relative_to(HERE / "data").parts)
                                     for p in (HERE / "data").rglob("*") if p.is_dir())]
STATIC_PACKAGES = ["geo.render.static"]   # the atlas's own scripts and styles

setup(
    packages=[*find_packages(include=["geo", "geo.*"]), *DATA_PACKAGES, *STATIC_PACKAGES],
    package_dir={"geo.data": "data"},
    package_data={name: ["*"] for name in DATA_PACKAGES + STATIC_PACKAGES},
)
