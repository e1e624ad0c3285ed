"""The API schema documents the refusals of every view, not only its successes."""

from __future__ import annotations

from tests.openapi import ORG, body_schema, responses


def test_every_operation_documents_401_and_403() -> None:
    from tests.openapi import generated_schema

    for path, item in generated_schema()["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_a_write_or_a_query_can_be_invalid_and_a_path_can_name_nothing() -> None:
    assert {"400", "404"} <= set(responses(f"{ORG}/alerts/rules/{{id}}/", "patch"))
    assert {"400", "404"} <= set(responses(f"{ORG}/listening/posts/", "get"))  # filters, pages
    assert "400" not in responses(f"{ORG}/alerts/rules/{{id}}/", "get")
    assert body_schema(f"{ORG}/alerts/rules/{{id}}/", "get", "404")["required"] == ["detail"]


def test_a_write_answered_with_a_list_is_not_paged() -> None:
    assert body_schema(f"{ORG}/policy/acknowledgements/", "post", "201")["type"] == "array"
    assert "results" in body_schema(f"{ORG}/policy/acknowledgements/", "get", "200")["properties"]
