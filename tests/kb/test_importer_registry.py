"""One signature for every importer, registered in one place: a new importer is one module
(an `Importer` and its `build(inputs)`), its test, and one line in the registry."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import ImportResult, Person, Source, Term, When
from bot.kb.importers.registry import IMPORTERS
from bot.kb.importers.run import INPUTS, run

FIXTURES = Path(__file__).parent / "fixtures" / "importers"

TOY_SOURCE = Source(
    id="toy-governors",
    name="Toy list of governors",
    url="https://example.org/toy",
    licence="CC0-1.0",
    complete_to=date(2026, 1, 31),
)


def _toy(inputs: Inputs) -> ImportResult:
    """What a new importer looks like: read its file, return people and terms."""
    result = ImportResult()
    for row in csv.DictReader(io.StringIO(inputs.text("toy.csv"))):
        person = Person(row["id"], row["name"])
        result.add_person(person)
        start = When.day(date.fromisoformat(row["start"]))
        result.terms.append(Term(person.id, row["office"], start, None, TOY_SOURCE.id))
    return result


TOY = Importer("toy.yaml", ("toy.csv",), (TOY_SOURCE,), "Toy governors.", _toy)


def test_a_new_importer_needs_only_its_module_and_a_registration(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "toy.csv").write_text(
        "id,name,office,start\ntoy-1,Ada Example,us-ca.governor,2025-01-06\n", encoding="utf-8"
    )
    report = run(data, tmp_path / "out", [TOY])
    assert [f.name for f in report.files] == ["sources.yaml", "toy.yaml"]
    written = yaml.safe_load((tmp_path / "out" / "toy.yaml").read_text(encoding="utf-8"))
    assert written["people"] == [
        {"id": "toy-1", "name": "Ada Example", "variants": [], "short": []}
    ]
    assert written["terms"] == [
        {
            "person": "toy-1",
            "office": "us-ca.governor",
            "start": date(2025, 1, 6),
            "source": "toy-governors",
        }
    ]
    sources = yaml.safe_load((tmp_path / "out" / "sources.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in sources["sources"]] == ["toy-governors"]
    assert "toy.csv (sha256 " in (tmp_path / "out" / "toy.yaml").read_text(encoding="utf-8")


def test_a_missing_input_fails_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"toy\.csv: data file not found"):
        run(tmp_path, tmp_path / "out", [TOY])
    assert not (tmp_path / "out").exists()


def test_an_optional_importer_without_its_files_keeps_its_output(tmp_path: Path) -> None:
    """Files fetched only when an output needs rebuilding: without them the run goes on and says
    which file it kept; with them the file is rebuilt."""
    optional = Importer("toy.yaml", ("toy.csv",), (TOY_SOURCE,), "Toy governors.", _toy, True)
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    out.mkdir()
    (out / "toy.yaml").write_text("kept\n", encoding="utf-8")
    report = run(data, out, [optional])
    assert [f.name for f in report.files] == ["sources.yaml"]
    assert report.skipped == ["toy.yaml: kept as it is (toy.csv not in data/)"]
    assert (out / "toy.yaml").read_text(encoding="utf-8") == "kept\n"
    (data / "toy.csv").write_text(
        "id,name,office,start\ntoy-1,Ada Example,us-ca.governor,2025-01-06\n", encoding="utf-8"
    )
    assert [f.name for f in run(data, out, [optional]).files] == ["sources.yaml", "toy.yaml"]
    assert "Ada Example" in (out / "toy.yaml").read_text(encoding="utf-8")


def test_shared_work_is_done_once_per_run(tmp_path: Path) -> None:
    inputs = Inputs(tmp_path)
    calls: list[int] = []

    def compute(_: Inputs) -> int:
        calls.append(1)
        return 42

    assert (inputs.shared("k", compute), inputs.shared("k", compute)) == (42, 42)
    assert calls == [1]


def test_the_registry_reads_the_shared_data_files() -> None:
    """Every registered importer, its output and the files it reads (the fixtures mirror the
    shared data folder's file names)."""
    assert [i.output for i in IMPORTERS] == [
        "us-executive.yaml",
        "us-congress.yaml",
        "us-congress-1990-2012.yaml",
        "us-cabinet.yaml",
        "world-heads.yaml",
        "world-offices.yaml",
    ]
    assert sorted(INPUTS) == sorted(p.name for p in FIXTURES.iterdir() if p.is_file())
    assert all(i.sources for i in IMPORTERS)
