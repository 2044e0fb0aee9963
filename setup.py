"""Packaging detail pyproject.toml cannot say with automatic package discovery: data/ stays at
the top of the repository (design card) and ships inside the wheel as geo/data, package data
that geo/settings.py finds when the package is installed. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["geo", "geo.*"]), "geo.data"],
    package_dir={"geo.data": "data"},
    package_data={"geo.data": ["**/*"], "geo": ["render/static/*"]},   # the atlas's own scripts
)
