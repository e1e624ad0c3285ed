"""The shipped translation catalogues: complete, placeholders intact, .mo compiled from
the current .po, and loaded by Django. No database needed.

After changing strings run scripts/update-translations, translate the new entries and
run scripts/compile-translations.

test_catalogue_has_every_source_string also catches a .po that is behind the sources: a
string marked for translation in a template or in Python but never extracted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation.template import templatize

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "socialroadmap"
LOCALE_DIR = PACKAGE_DIR / "locale"
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


# --- The catalogue is up to date with the sources ------------------------------------------
#
# makemessages runs templates through Django's templatize() and hands the result to xgettext.
# The same templatize() turns every {% translate %} / {% blocktranslate %} (with trimmed,
# count/plural, context) into gettext(u'...') calls with repr()'d arguments, which a regex
# and ast.literal_eval read back. Python modules are read with ast, with makemessages'
# xgettext keywords. A message is (msgctxt, msgid, msgid_plural).

Message = tuple[str | None, str, str | None]

_PY_STRING = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
_TEMPLATIZED_CALL = re.compile(
    rf"\b(gettext|pgettext|ngettext|npgettext)\(\s*((?:{_PY_STRING}\s*,?\s*)+)"
)
_TEMPLATIZED_CONSTANT = re.compile(rf"(?<![\w.])_\(\s*({_PY_STRING})\s*\)")
_STRING = re.compile(_PY_STRING)

# name -> (index of msgctxt, index of msgid, index of msgid_plural), as xgettext's
# --keyword options in Django's makemessages plus xgettext's Python defaults.
_PY_KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def template_messages(src: str, origin: str = "<template>") -> list[Message]:
    """The messages makemessages extracts from a template's source."""
    found: list[Message] = []
    code = templatize(src, origin)
    for match in _TEMPLATIZED_CALL.finditer(code):
        name = match[1]
        args = [ast.literal_eval(s) for s in _STRING.findall(match[2])]
        context = args.pop(0) if name.startswith(("pgettext", "npgettext")) else None
        plural = args[1] if name.startswith(("ngettext", "npgettext")) else None
        found.append((context, args[0], plural))
    found += [(None, ast.literal_eval(s), None) for s in _TEMPLATIZED_CONSTANT.findall(code)]
    return found


def python_messages(src: str, origin: str = "<module>") -> list[Message]:
    """The messages makemessages extracts from a Python module's literal arguments."""
    found: list[Message] = []
    for node in ast.walk(ast.parse(src, origin)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _PY_KEYWORDS:
            continue
        indexes = _PY_KEYWORDS[name]
        values = []
        for index in indexes:
            if index is None:
                values.append(None)
            elif index < len(node.args) and isinstance(node.args[index], ast.Constant):
                values.append(node.args[index].value)
            else:
                values.append(...)
        if all(value is None or isinstance(value, str) for value in values) and values[1]:
            found.append((values[0], values[1], values[2]))
    return found


def source_messages(root: Path = PACKAGE_DIR) -> dict[Message, list[str]]:
    """Every message in root's templates (.html, .txt) and Python modules -> where."""
    where: dict[Message, list[str]] = {}

    def add(messages: list[Message], path: Path) -> None:
        for message in messages:
            where.setdefault(message, []).append(str(path.relative_to(root.parent)))

    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if not path.is_file() or "migrations" in parts or any(p.startswith(".") for p in parts):
            continue
        if path.suffix in {".html", ".txt"} and "templates" in parts:
            add(template_messages(path.read_text(encoding="utf-8"), str(path)), path)
        elif path.suffix == ".py":
            add(python_messages(path.read_text(encoding="utf-8"), str(path)), path)
    return where


def test_the_scanner_reads_what_makemessages_extracts() -> None:
    src = (
        "{% load i18n %}{% translate 'Plain' %} {% trans \"Up to 100%\" %}"
        "{% translate 'Tab' context 'furniture' %}{{ _('Constant') }}"
        "{% blocktranslate trimmed with n=x %}\n  Stage\n  {{ n }}\n{% endblocktranslate %}"
        "{% blocktranslate count counter=c %}{{ counter }} item{% plural %}"
        "{{ counter }} items{% endblocktranslate %}{% translate some_variable %}"
    )
    assert template_messages(src) == [
        (None, "Plain", None),
        (None, "Up to 100%%", None),
        ("furniture", "Tab", None),
        (None, "Stage %(n)s", None),
        (None, "%(counter)s item", "%(counter)s items"),
        (None, "Constant", None),
    ]
    module = (
        "from django.utils.translation import gettext_lazy as _, ngettext, pgettext\n"
        "a = _('One')\nb = ngettext('%(n)s x', '%(n)s xs', n)\nc = pgettext('ctx', 'Two')\n"
        "d = _(name)\ne = translation.gettext('Three')\n"
    )
    assert python_messages(module) == [
        (None, "One", None),
        (None, "%(n)s x", "%(n)s xs"),
        ("ctx", "Two", None),
        (None, "Three", None),
    ]


def test_the_sources_have_messages() -> None:
    messages = source_messages()
    assert (None, "Log in", None) in messages  # a template
    assert (None, "Roadmap", None) in messages  # a Python module
    assert any(plural for _, _, plural in messages)


@catalogues
def test_catalogue_has_every_source_string(po_path: Path) -> None:
    """Fails when the .po is behind the sources: run scripts/update-translations."""
    po = polib.pofile(str(po_path))
    entries = {(entry.msgctxt or None, entry.msgid): entry for entry in live_entries(po)}
    missing, untranslated = [], []
    for (context, msgid, plural), where in source_messages().items():
        entry = entries.get((context, msgid))
        if entry is None or (plural and entry.msgid_plural != plural):
            missing.append((msgid, where[0]))
        elif entry.fuzzy or not (
            all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        ):
            untranslated.append((msgid, where[0]))
    assert missing == [], "not in the catalogue: run scripts/update-translations"
    assert untranslated == [], "not translated yet"
