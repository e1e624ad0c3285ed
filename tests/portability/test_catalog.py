"""Every model of the project is either exported or named as not organisation data."""

from socialroadmap.portability.catalog import (
    NOT_ORGANISATION_DATA,
    catalog,
    dependency_order,
    label_of,
    problems,
    unclassified,
)


def test_every_model_is_exported_or_named_as_not_organisation_data() -> None:
    missing = unclassified()
    assert missing == [], (
        "classify these models: give them an organization key (or a required key to a "
        "parent that has one), or add them to NOT_ORGANISATION_DATA with the reason: "
        f"{missing}"
    )


def test_exported_models_point_only_to_exported_rows_people_or_the_organisation() -> None:
    assert problems() == []


def test_left_out_models_are_not_exported() -> None:
    exported = {label_of(m) for m in catalog().exported}
    assert "accounts.apitoken" in NOT_ORGANISATION_DATA
    assert "organizations.invitation" in NOT_ORGANISATION_DATA
    assert not exported & set(NOT_ORGANISATION_DATA)
    assert {"listening.post", "roadmap.answer", "audit.auditentry"} <= exported


def test_parents_come_before_their_children() -> None:
    order, deferred = dependency_order(catalog().exported)
    position = {model: index for index, model in enumerate(order)}
    for model in order:
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target in position and (model, field.name) not in deferred:
                assert position[target] < position[model], f"{label_of(model)}.{field.name}"
    assert ("leverage.communication", "control_for") in {
        (label_of(m), name) for m, name in deferred
    }
