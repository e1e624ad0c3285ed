"""The query library: ready-made listening queries to fill in with a brand, a handle or
a hashtag.

Templates are data: a pattern with ``{field}`` slots and bilingual texts. Values are
made safe for the query language before they go in (a brand name with spaces becomes a
phrase, a handle loses its ``@``), and every rendered query is parsed before it is
returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.query import QueryError, parse
from socialroadmap.engine.text import Text

_WORD = re.compile(r"^\w+$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class TemplateField:
    """A slot of a template. ``shape`` says how a value is written into the query:
    ``phrase`` (a word or a quoted phrase), ``terms`` (comma-separated phrases, joined
    with OR), ``handle`` (an account, without ``@``), ``hashtag`` (without ``#``) or
    ``lang`` (a language code)."""

    name: str
    shape: str
    label: Text
    example: str


@dataclass(frozen=True)
class QueryTemplate:
    """A ready-made query: its pattern, the kind of query it makes, and what it is for."""

    key: str
    kind: str
    title: Text
    description: Text
    pattern: str
    fields: tuple[TemplateField, ...]

    @property
    def example(self) -> str:
        return render_template(self.key, **{f.name: f.example for f in self.fields})


BRAND = TemplateField("brand", "phrase", Text("Brand name", "Merknaam"), "Mertens")
HANDLE = TemplateField(
    "handle", "handle", Text("Account (@handle)", "Account (@naam)"), "mertens_koffie"
)
HASHTAG = TemplateField("hashtag", "hashtag", Text("Hashtag", "Hashtag"), "mertenskoffie")

TEMPLATES: tuple[QueryTemplate, ...] = (
    QueryTemplate(
        key="brand",
        kind="brand",
        title=Text("Brand", "Merk"),
        description=Text(
            "Posts that name the brand, use its hashtag or mention its account.",
            "Berichten die het merk noemen, de hashtag gebruiken of het account vermelden.",
        ),
        pattern="{brand} OR #{hashtag} OR @{handle}",
        fields=(BRAND, HASHTAG, HANDLE),
    ),
    QueryTemplate(
        key="competitor",
        kind="competitor",
        title=Text("Competitor", "Concurrent"),
        description=Text(
            "Posts about a competitor: its name or its account.",
            "Berichten over een concurrent: de naam of het account.",
        ),
        pattern="{competitor} OR @{handle}",
        fields=(
            TemplateField("competitor", "phrase", Text("Competitor", "Concurrent"), "Lavazza"),
            TemplateField(
                "handle", "handle", Text("Account (@handle)", "Account (@naam)"), "lavazza"
            ),
        ),
    ),
    QueryTemplate(
        key="sector",
        kind="sector",
        title=Text("Sector", "Sector"),
        description=Text(
            "Posts in one language about the sector: any of a list of terms.",
            "Berichten in één taal over de sector: een van een lijst termen.",
        ),
        pattern="({terms}) AND lang:{lang}",
        fields=(
            TemplateField(
                "terms",
                "terms",
                Text("Terms, separated by commas", "Termen, gescheiden door komma's"),
                "koffie, espresso, koffiebranderij, barista",
            ),
            TemplateField("lang", "lang", Text("Language code", "Taalcode"), "nl"),
        ),
    ),
    QueryTemplate(
        key="brand-without-jobs",
        kind="brand",
        title=Text("Brand without job ads", "Merk zonder vacatures"),
        description=Text(
            "Posts about the brand, leaving out job ads and recruitment.",
            "Berichten over het merk, zonder vacatures en rekrutering.",
        ),
        pattern=(
            "({brand} OR @{handle}) AND NOT (vacature* OR sollicit* OR job OR jobs "
            'OR hiring OR "we zoeken" OR "we are hiring" OR #vacature OR #jobs)'
        ),
        fields=(BRAND, HANDLE),
    ),
    QueryTemplate(
        key="campaign",
        kind="other",
        title=Text("Campaign hashtag", "Campagnehashtag"),
        description=Text(
            "Posts with the campaign's hashtag, or naming the campaign near the brand.",
            "Berichten met de hashtag van de campagne, of die de campagne vlak bij het "
            "merk noemen.",
        ),
        pattern="#{hashtag} OR ({brand} NEAR/5 {campaign})",
        fields=(
            TemplateField("hashtag", "hashtag", Text("Hashtag", "Hashtag"), "mertenszomer"),
            BRAND,
            TemplateField("campaign", "phrase", Text("Campaign", "Campagne"), "ijskoffie"),
        ),
    ),
    QueryTemplate(
        key="complaints",
        kind="brand",
        title=Text("Customer-service complaints", "Klachten voor de klantendienst"),
        description=Text(
            "Posts to or about the brand with words of a complaint, in Dutch or English.",
            "Berichten aan of over het merk met woorden van een klacht, in het Nederlands "
            "of het Engels.",
        ),
        pattern=(
            "({brand} OR @{handle}) AND (klacht* OR probleem OR problemen OR defect OR "
            'kapot OR terugbetal* OR "geen antwoord" OR klantendienst OR klantenservice '
            'OR complain* OR refund* OR broken OR "no answer" OR "customer service")'
        ),
        fields=(BRAND, HANDLE),
    ),
)

BY_KEY = {template.key: template for template in TEMPLATES}


def _phrase(value: str) -> str:
    # Lower case: matching ignores case, and "AND" or "NEAR" stay words, not operators.
    words = " ".join(value.replace('"', " ").split()).lower()
    return words if _WORD.match(words) else f'"{words}"'


def _value(spec: TemplateField, raw: str) -> str:
    value = " ".join(str(raw).split())
    if not value:
        raise ServiceError(f"{spec.name}: a value is required", field=spec.name)
    if spec.shape == "phrase":
        return _phrase(value)
    if spec.shape == "terms":
        terms = [_phrase(term) for term in value.split(",") if term.strip()]
        if not terms:
            raise ServiceError(f"{spec.name}: give at least one term", field=spec.name)
        return " OR ".join(terms)
    if spec.shape == "lang":
        if not _LANG.match(value.lower()):
            raise ServiceError(f"{spec.name}: a language code such as nl or en", field=spec.name)
        return value.lower()
    sign = "@" if spec.shape == "handle" else "#"
    bare = value.removeprefix(sign)
    if not _WORD.match(bare):
        raise ServiceError(
            f"{spec.name}: letters, digits and underscores only (got '{value}')", field=spec.name
        )
    return bare.lower()


def render_template(key: str, **fields: str) -> str:
    """The template ``key`` filled in with ``fields``; ServiceError names a missing or
    unusable value (``field`` is its name)."""
    template = BY_KEY.get(key)
    if template is None:
        raise ServiceError(f"unknown template '{key}'", field="template")
    values = {spec.name: _value(spec, fields.get(spec.name, "")) for spec in template.fields}
    query = template.pattern.format(**values)
    try:
        parse(query)
    except QueryError as error:
        raise ServiceError(f"the values do not make a valid query: {error}") from error
    return query
