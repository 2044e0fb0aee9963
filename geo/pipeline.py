"""The whole job as one function per stage, called in order (DESIGN.md's data flow)."""

from __future__ import annotations

from pathlib import Path


def build_outputs(paths: list[Path], out: Path, forced_format: str | None = None) -> list[Path]:
    """Run every stage on `paths` and write the output contract's files into `out`."""
    raise NotImplementedError("pipeline is wired as the stages land")
