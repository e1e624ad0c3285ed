"""Every CSV import of the apps against the bad-input corpus: no error escapes but the
import's own, refused lines are named by line (and field), good rows are kept, a file
refused whole writes nothing, and importing the same file again adds nothing."""

from __future__ import annotations

import io

import pytest

from tests.badinput.corpus import Case, Expect, csv_cases
from tests.badinput.importers import IMPORTERS, Importer, Outcome, refused
from tests.conftest import Persona

CASES = [
    pytest.param(importer, case, id=f"{importer.name}-{case.name}")
    for importer in IMPORTERS
    for case in csv_cases(importer.table)
]


def run_twice(owner: Persona, importer: Importer, case: Case) -> tuple[Outcome | None, int]:
    """The first run's outcome (None when refused whole) and the rows stored after it;
    the second run must store nothing more."""
    organization = owner.organization
    before = importer.count(organization)
    outcome, error = refused(lambda: importer.run(owner, io.BytesIO(case.data)))
    stored = importer.count(organization)
    if error is not None:
        assert error.message.strip(), "a refusal says why"
        assert stored == before, "a file refused whole writes nothing"
    again, _error = refused(lambda: importer.run(owner, io.BytesIO(case.data)))
    assert importer.count(organization) == stored, "importing again adds nothing"
    if outcome is not None and again is not None:
        assert again.kept == outcome.kept and again.errors == outcome.errors
    return outcome, stored - before


@pytest.mark.parametrize(("importer", "case"), CASES)
def test_the_corpus(owner: Persona, importer: Importer, case: Case) -> None:
    importer.setup(owner)
    outcome, stored = run_twice(owner, importer, case)
    lines = max(1, case.data.count(b"\n") + 1)
    if outcome is not None:
        assert stored <= outcome.kept
        for line, _field, reason in outcome.errors:
            assert 1 <= line <= lines and reason, (line, reason)
    if case.expect is Expect.REFUSED:
        assert outcome is None, f"{case.name} must be refused whole"
    elif case.expect is Expect.NOTHING:
        assert stored == 0 and (outcome is None or outcome.kept == 0)
    elif case.expect is Expect.SAME:
        assert outcome is not None, f"{case.name} must be read"
        assert (outcome.kept, stored) == (2, 2), outcome
        assert [line for line, _f, _r in outcome.errors] == list(case.refused_lines)
        if case.name in ("valid", "utf8-bom", "utf16-bom", "truncated-mid-char"):
            assert outcome.errors[0][1] == importer.table.bad_field, outcome.errors
    elif case.name == "latin1":
        _latin1(importer, outcome, stored)
    else:
        _hostile(importer, case, outcome)


def _latin1(importer: Importer, outcome: Outcome | None, stored: int) -> None:
    """Read as Windows-1252 (the accent intact) or refused as not UTF-8."""
    if importer.windows_1252:
        assert outcome is not None and stored == 2
    else:
        assert outcome is None and stored == 0


def _hostile(importer: Importer, case: Case, outcome: Outcome | None) -> None:
    """The second good row is kept; the hostile one kept or refused by its line."""
    if case.name == "truncated-mid-line":
        assert outcome is not None and outcome.kept >= 1
        return
    assert outcome is not None
    refused_lines = [line for line, _f, _r in outcome.errors]
    assert outcome.kept + len(refused_lines) == 2
    assert set(refused_lines) <= set(case.refused_lines)
    if importer.table.free is not None:  # refused only for its length, by its field
        assert {field for _line, field, _r in outcome.errors} <= {importer.table.free}
