"""Packaging detail pyproject.toml cannot say with automatic package discovery: data/ stays at
the top of the repository (design card) and ships inside the wheel as geo/data, package data
that geo/settings.py finds when the package is installed; the npm files geo reads at run time
(map scripts, country shapes; geo/npmbundle.py lists them) ship as geo/npm, so an installed wheel
needs no node_modules. Everything else is in pyproject.toml."""

import importlib.util
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# data/ and each folder in it (corpus/, dates/, ...) as a data-only package under geo.data
DATA_PACKAGES = ["geo.data", *sorted("geo.data." + ".".join(p.relative_to(HERE / "data").parts)
                                     for p in (HERE / "data").rglob("*") if p.is_dir())]
STATIC_PACKAGES = ["geo.render.static"]   # the atlas's own scripts and styles


def _npm_bundle():
    # loaded as a lone file: geo's own dependencies are not installed while the wheel is built
    spec = importlib.util.spec_from_file_location("npmbundle", HERE / "geo" / "npmbundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithNpmFiles(build_py):
    """build_py that also copies the pinned npm files into the wheel as geo/npm/<path>."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's node_modules
        # fails naming the first missing file when node_modules is absent or incomplete
        _npm_bundle().copy_runtime_files(HERE / "data", HERE / "node_modules",
                                         Path(self.build_lib) / "geo" / "npm")


setup(
    packages=[*find_packages(include=["geo", "geo.*"]), *DATA_PACKAGES, *STATIC_PACKAGES],
    package_dir={"geo.data": "data"},
    package_data={name: ["*"] for name in DATA_PACKAGES + STATIC_PACKAGES},
    cmdclass={"build_py": BuildWithNpmFiles},
)
