"""Bad values and faults through the command line: one line, exit 1, nothing half written, and a
filter that matches nothing says so and lists the values there are."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pyogrio
import pytest

import geo.export as export
import geo.pipeline as pipeline
import geo.tables as tables
from geo import outdir
from geo.cli import main

REPORT = ("On 5 May 2015 Coalition aircraft struck Camp Zzqqxy and Mosul.\n"
          "In June 2016 French jets struck Raqqa.\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(report, tmp_path_factory) -> Path:
    """A `geo build --no-map` folder of the report, for `geo map --from`."""
    out = tmp_path_factory.mktemp("built") / "maps"
    pipeline.run_build([report], out, with_map=False)
    return out


def one_error(capsys) -> str:
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geo: error: "), err
    return lines[0].removeprefix("geo: error: ")


# --- years, checked the same way by export and map -------------------------------------------

@pytest.mark.parametrize("year, message", [
    ("99999", "--year 99999 is not a year from 1 to 9999"),
    ("-5", "--year -5 is not a year from 1 to 9999"),
    ("abc", "--year 'abc' is not a year"),
])
def test_export_and_map_reject_the_same_bad_years(year, message, report, built, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path / "e.csv"), f"--year={year}",
                 str(report)]) == 1
    assert one_error(capsys) == message
    assert main(["map", "--from", str(built), "-o", str(tmp_path / "m.html"), f"--year={year}"]) == 1
    assert one_error(capsys) == message
    assert not list(tmp_path.iterdir())


def test_from_after_to_is_an_error(report, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path / "e.csv"), "--from", "2016-03",
                 "--to", "2015-12-31", str(report)]) == 1
    assert one_error(capsys) == "--from 2016-03-01 is after --to 2015-12-31"


# --- silent empties ---------------------------------------------------------------------------

def test_export_year_without_events_lists_the_years(report, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path / "e.csv"), "--year", "1850",
                 str(report)]) == 1
    assert one_error(capsys) == "--year 1850 matches no events (years with events: 2015-2016)"
    assert not (tmp_path / "e.csv").exists()


def test_export_unknown_actor_lists_the_actors(report, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path / "e.csv"), "--actor", "Martians",
                 str(report)]) == 1
    assert one_error(capsys) == "--actor Martians matches no events (actors in these events: Coalition, France)"


def test_export_filters_that_only_miss_together(report, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path / "e.csv"), "--actor", "France",
                 "--year", "2015", str(report)]) == 1
    assert one_error(capsys) == "no events match --year 2015 and --actor France together"


def test_map_year_and_actor_without_events_list_the_values(built, tmp_path, capsys):
    assert main(["map", "--from", str(built), "-o", str(tmp_path / "m.html"), "--year", "1850"]) == 1
    assert one_error(capsys) == "--year 1850 matches no events or bases (years with events: 2015-2016)"
    assert main(["map", "--from", str(built), "-o", str(tmp_path / "m.html"), "--actor", "Martians"]) == 1
    assert one_error(capsys) == "--actor Martians matches no events or bases (actors: Coalition, France)"
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv"])
def test_export_message_counts_what_the_file_holds(fmt, report, tmp_path, capsys):
    path = tmp_path / f"events.{fmt}"
    assert main(["export", "--layer", "events", "-o", str(path), str(report)]) == 0
    printed = capsys.readouterr().out.strip()
    in_file = len(pyogrio.read_dataframe(path)) if fmt != "csv" else len(path.read_text().splitlines()) - 1
    assert in_file == (3 if fmt == "csv" else 2)          # Camp Zzqqxy has no coordinates
    assert printed == f"{path} ({in_file} events)"


# --- where outputs go -------------------------------------------------------------------------

def test_export_into_a_missing_folder_is_an_error(report, tmp_path, capsys):
    target = tmp_path / "nonexistent" / "dir" / "x.gpkg"
    assert main(["export", "--layer", "events", "-o", str(target), str(report)]) == 1
    assert one_error(capsys) == f"cannot write {target}: no folder {target.parent}"
    assert not (tmp_path / "nonexistent").exists()


def test_export_onto_a_folder_is_an_error(report, tmp_path, capsys):
    assert main(["export", "--layer", "events", "-o", str(tmp_path), str(report)]) == 1
    assert one_error(capsys) == f"{tmp_path} is a folder: give a file name"


def test_export_on_a_full_disk(report, tmp_path, capsys, monkeypatch):
    def full(path, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(tables, "write_text", full)
    monkeypatch.setattr(export, "write_text", full)
    target = tmp_path / "e.geojson"
    assert main(["export", "--layer", "events", "-o", str(target), str(report)]) == 1
    assert one_error(capsys) == f"cannot write {target}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_build_out_naming_a_file(report, tmp_path, capsys):
    target = tmp_path / "maps.txt"
    target.write_text("keep me", encoding="utf-8")
    assert main(["build", str(report), "--no-map", "--out", str(target)]) == 1
    assert one_error(capsys) == f"{target} is a file, not a folder: --out needs a folder"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_build_out_not_writable(report, tmp_path, capsys, monkeypatch):
    # root may write anywhere, so the permission answer is simulated
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert main(["build", str(report), "--no-map", "--out", str(tmp_path)]) == 1
    assert one_error(capsys) == f"cannot write {tmp_path}: Permission denied"
    assert list(tmp_path.iterdir()) == []


def test_build_out_on_a_read_only_file_system(report, tmp_path, capsys, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(outdir, "open", read_only, raising=False)
    assert main(["build", str(report), "--no-map", "--out", str(tmp_path)]) == 1
    assert one_error(capsys) == f"cannot write {tmp_path}: Read-only file system"


def test_build_on_a_full_disk_keeps_the_previous_outputs(report, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(report), "--no-map", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != outdir.LOCK_NAME}
    capsys.readouterr()
    real = pipeline.write_csv_rows

    def full_after_one(path, rows, columns):
        if path.name != "events.csv":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, rows, columns)

    monkeypatch.setattr(pipeline, "write_csv_rows", full_after_one)
    assert main(["build", str(report), "--no-map", "--out", str(out)]) == 1
    assert one_error(capsys) == (f"cannot write {out}: No space left on device; "
                                 "the previous outputs are unchanged")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != outdir.LOCK_NAME} == before


# --- unreadable input -------------------------------------------------------------------------

def test_places_on_an_unreadable_file_keeps_the_others(report, tmp_path, capsys, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Troops reached Mosul.", encoding="utf-8")
    real_open = Path.open

    def no_permission(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", no_permission)
    assert main(["places", str(locked), str(report)]) == 1
    out, err = capsys.readouterr()
    assert err.strip() == "geo: error: locked.txt: cannot read (Permission denied)"
    assert "Mosul" in out and "report.txt" in out


def test_build_out_in_a_missing_folder_is_an_error(report, tmp_path, capsys):
    out = tmp_path / "no" / "such" / "maps"
    assert main(["build", str(report), "--no-map", "--out", str(out)]) == 1
    assert one_error(capsys) == f"cannot create {out}: no folder {out.parent}"
    assert not (tmp_path / "no").exists()


def test_eval_errors_file_in_a_missing_folder_is_an_error_before_the_work(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Troops reached Mosul.", "toponyms": [{"start": 15, "end": 20, '
                    '"lat": 36.34, "lon": 43.13}]}\n', encoding="utf-8")
    target = tmp_path / "missing" / "errors.csv"
    assert main(["eval", "toponyms", str(gold), "--errors", str(target)]) == 1
    assert one_error(capsys) == f"cannot write {target}: no folder {target.parent}"
    assert not target.parent.exists()


def test_map_takes_actor_aliases_as_export_does(built, tmp_path, capsys):
    # "French" is an alias of France in data/actors.csv; `geo export --actor French` takes it too
    assert main(["map", "--from", str(built), "-o", str(tmp_path / "m.html"), "--actor", "French"]) == 0
    assert capsys.readouterr().out.strip() == f"{tmp_path / 'm.html'} (1 events)"
