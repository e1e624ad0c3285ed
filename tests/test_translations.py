"""The shipped translation catalogues: complete, placeholders intact, .mo compiled from
the current .po, and loaded by Django. No database needed.

After changing strings run scripts/update-translations, translate the new entries and
run scripts/compile-translations.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent / "socialroadmap" / "locale"
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))

# A printf-style conversion as Python's % operator reads it: %(name)s, %s, %5.2f, %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def language(po_path: Path) -> str:
    return po_path.parent.parent.name


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def translations(entries) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
    """(msgctxt, msgid) -> msgstr, or the tuple of plural forms."""
    mapping: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for entry in entries:
        key = (entry.msgctxt or None, entry.msgid)
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            mapping[key] = (entry.msgid_plural, *(forms[i] for i in sorted(forms)))
        else:
            mapping[key] = entry.msgstr
    return mapping


catalogues = pytest.mark.parametrize("po_path", CATALOGUES, ids=language)


def test_there_are_catalogues() -> None:
    assert CATALOGUES, f"no django.po under {LOCALE_DIR}"
    assert "nl" in {language(path) for path in CATALOGUES}


@catalogues
def test_header(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header"
    assert po.metadata.get("Language") == language(po_path)
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=")


@catalogues
def test_every_entry_is_translated(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert untranslated == []
    for entry in live_entries(po):
        if entry.msgid_plural:
            nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"])[1])
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr, entry.msgid


@catalogues
def test_no_entry_is_fuzzy(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    assert [entry.msgid for entry in live_entries(po) if entry.fuzzy] == []


@catalogues
def test_placeholders_are_kept(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    wrong = []
    for entry in live_entries(po):
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            found = [placeholders(form) for form in entry.msgstr_plural.values()]
        else:
            expected = placeholders(entry.msgid)
            found = [placeholders(entry.msgstr)]
        wrong += [(entry.msgid, sorted(got)) for got in found if got != expected]
    assert wrong == []


@catalogues
def test_mo_is_compiled_from_the_current_po(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path.name} is missing: run scripts/compile-translations"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    assert translations(mo) == translations(po.translated_entries()), (
        f"{mo_path} is out of date: run scripts/compile-translations"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


def test_django_loads_the_dutch_catalogue() -> None:
    po = polib.pofile(str(LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.po"))
    expected = po.find("Log in").msgstr
    assert expected and expected != "Log in"
    with translation.override("nl"):
        assert translation.gettext("Log in") == expected
        for entry in (entry for entry in po if entry.msgid_plural):
            for n, form in ((1, 0), (2, 1)):
                got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                assert got == entry.msgstr_plural[form]
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"
