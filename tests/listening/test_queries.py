"""Listening queries: validation, unique names, preview, delete, and the query library."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.query import parse
from socialroadmap.listening import library
from socialroadmap.listening.models import ListeningQuery, Post, PostMatch, Rollup
from socialroadmap.listening.services.queries import (
    create_query,
    delete_query,
    preview_query,
    update_query,
    validate_query,
)
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

_ids = count(1)


def make_post(organization: Organization, text: str, *, age: timedelta | None = None, **extra):
    """A stored post, ``age`` old (default: an hour)."""
    return Post.objects.create(
        organization=organization,
        source=extra.pop("source", "x"),
        external_id=str(next(_ids)),
        text=text,
        created_at=timezone.now() - (age or timedelta(hours=1)),
        sentiment=extra.pop("sentiment", "neutral"),
        sentiment_score=0.0,
        **extra,
    )


def test_validation_names_the_position_and_what_was_expected() -> None:
    with pytest.raises(ServiceError) as caught:
        validate_query("(mertens OR lavazza")
    assert caught.value.field == "query"
    assert caught.value.message.startswith("position 19: expected ')'")


def test_a_valid_query_passes() -> None:
    validate_query("(mertens OR #mertenskoffie) AND NOT vacature* AND lang:nl")


def test_creating_a_query_stamps_it_and_keeps_its_text(owner: Persona) -> None:
    query = create_query(
        owner.organization, name=" Mertens ", query=" mertens ", kind="brand", actor=owner.user
    )
    assert (query.name, query.query, query.kind) == ("Mertens", "mertens", "brand")
    assert query.created_by == owner.user
    assert query.is_active


def test_an_invalid_query_is_not_stored(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="position 11: expected a term"):
        create_query(
            owner.organization, name="Bad", query="mertens AND", kind="brand", actor=owner.user
        )
    assert not ListeningQuery.objects.exists()


def test_names_are_unique_per_organisation(owner: Persona, outsider: Persona) -> None:
    create_query(owner.organization, name="Mertens", query="mertens", kind="brand", actor=None)
    with pytest.raises(ServiceError, match="a query named 'mertens' already exists") as caught:
        create_query(owner.organization, name="mertens", query="x", kind="brand", actor=None)
    assert caught.value.field == "name"
    # Another organisation may use the same name.
    create_query(outsider.organization, name="Mertens", query="mertens", kind="brand", actor=None)


def test_an_unknown_kind_is_refused(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="unknown kind 'merk'"):
        create_query(owner.organization, name="M", query="m", kind="merk", actor=None)


def test_renaming_onto_another_name_is_refused(owner: Persona) -> None:
    create_query(owner.organization, name="Mertens", query="mertens", kind="brand", actor=None)
    other = create_query(
        owner.organization, name="Lavazza", query="lavazza", kind="competitor", actor=None
    )
    with pytest.raises(ServiceError, match="already exists"):
        update_query(other, actor=owner.user, name="MERTENS")
    # Its own name, in another case, is fine.
    assert update_query(other, actor=owner.user, name="LAVAZZA").name == "LAVAZZA"


def test_updating_checks_the_query_and_refuses_unknown_fields(owner: Persona) -> None:
    query = create_query(owner.organization, name="M", query="m", kind="brand", actor=None)
    with pytest.raises(ServiceError, match="position 0"):
        update_query(query, actor=owner.user, query="OR m")
    with pytest.raises(ServiceError, match="cannot change organization"):
        update_query(query, actor=owner.user, organization=None)
    changed = update_query(query, actor=owner.user, query="m OR n", is_active=False)
    assert (changed.query, changed.is_active, changed.updated_by) == ("m OR n", False, owner.user)


def test_a_new_query_matches_the_stored_posts(owner: Persona) -> None:
    hit = make_post(owner.organization, "Lekkere koffie van Mertens")
    make_post(owner.organization, "Iets anders")
    query = create_query(owner.organization, name="M", query="mertens", kind="brand", actor=None)
    assert list(PostMatch.objects.filter(query=query).values_list("post", flat=True)) == [hit.pk]
    update_query(query, actor=None, is_active=False)
    assert not PostMatch.objects.filter(query=query).exists()


def test_deleting_says_what_went_with_it(owner: Persona) -> None:
    org = owner.organization
    query = create_query(org, name="M", query="m", kind="brand", actor=None)
    posts = [make_post(org, "m"), make_post(org, "m")]
    PostMatch.objects.filter(query=query).delete()
    PostMatch.objects.bulk_create(
        PostMatch(organization=org, post=post, query=query) for post in posts
    )
    Rollup.objects.create(
        organization=org,
        period=timezone.now(),
        query=query,
        source="x",
        sentiment="neutral",
        posts=2,
    )
    pk = query.pk
    gone = delete_query(query, actor=owner.user)
    assert gone == {"id": pk, "name": "M", "matches": 2, "rollups": 1}
    assert not PostMatch.objects.exists()
    assert not Rollup.objects.exists()
    assert Post.objects.count() == 2


def test_the_preview_runs_over_recent_posts_of_the_organisation_only(
    owner: Persona, outsider: Persona
) -> None:
    org = owner.organization
    newest = make_post(org, "Mertens koffie!", age=timedelta(minutes=5), lang="nl")
    make_post(org, "mertens", age=timedelta(days=2))
    make_post(org, "Lavazza", age=timedelta(days=1))
    make_post(org, "mertens, lang geleden", age=timedelta(days=40))
    make_post(outsider.organization, "mertens bij de buren")
    preview = preview_query(org, "mertens", limit=1)
    assert (preview["checked"], preview["matched"]) == (3, 2)
    assert preview["posts"] == [
        {
            "id": newest.pk,
            "text": "Mertens koffie!",
            "author": "",
            "created_at": newest.created_at,
            "source": "x",
            "url": "",
            "lang": "nl",
            "sentiment": "neutral",
        }
    ]
    assert preview_query(org, "mertens", days=60)["matched"] == 3


def test_the_preview_understands_fields_and_hashtags(owner: Persona) -> None:
    org = owner.organization
    make_post(org, "Nieuw: #MertensKoffie", lang="nl", source="instagram")
    make_post(org, "New: #MertensKoffie", lang="en", source="instagram")
    assert preview_query(org, "#mertenskoffie AND lang:nl")["matched"] == 1
    assert preview_query(org, "source:instagram")["matched"] == 2


def test_the_preview_refuses_an_invalid_query(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="position 8: expected NEAR/n"):
        preview_query(owner.organization, "mertens NEAR koffie")


@pytest.mark.parametrize("template", library.TEMPLATES, ids=lambda t: t.key)
def test_every_template_renders_a_query_that_parses(template: library.QueryTemplate) -> None:
    parse(template.example)
    assert template.title.nl and template.description.nl and template.description.en
    assert all(f.label.en and f.label.nl for f in template.fields)


def test_values_are_made_safe_for_the_query_language() -> None:
    query = library.render_template(
        "brand", brand='Koffie "AND" Co', hashtag="#Mertens", handle="@mertens_be"
    )
    assert query == '"koffie and co" OR #mertens OR @mertens_be'
    parse(query)
    assert library.render_template("sector", terms="koffie, NEAR, thee en taart", lang="NL") == (
        '(koffie OR near OR "thee en taart") AND lang:nl'
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"brand": "Mertens", "hashtag": "mertens"}, "handle: a value is required"),
        ({"brand": "Mertens", "hashtag": "a b", "handle": "m"}, "hashtag: letters, digits"),
        ({"brand": "!!!", "hashtag": "m", "handle": "m"}, "do not make a valid query"),
    ],
)
def test_unusable_values_are_refused(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        library.render_template("brand", **fields)


def test_an_unknown_template_is_refused() -> None:
    with pytest.raises(ServiceError, match="unknown template 'nope'"):
        library.render_template("nope")
