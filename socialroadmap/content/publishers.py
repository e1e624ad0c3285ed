"""Posting a text to Mastodon or Bluesky through their APIs; free of Django.

Each call carries an idempotency guard of its own: Mastodon keeps the
``Idempotency-Key`` header of a status for an hour and answers a repeat with the status
it already made; on Bluesky the post is written with ``putRecord`` under a record key
derived from the item, so a repeat rewrites the same record instead of adding one. A
retry after a crash between posting and storing the result therefore never posts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from socialroadmap.connectors.http import USER_AGENT

TIMEOUT = 20.0
BLUESKY_LIMIT = 300
MASTODON_LIMIT = 500
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


class PublishError(Exception):
    """The network refused the post or could not be reached; the message is for people
    and never carries a credential."""


@dataclass(frozen=True)
class Published:
    external_id: str
    url: str


def _client(client: httpx.Client | None) -> httpx.Client:
    return client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase
    if isinstance(body, dict):
        return str(body.get("message") or body.get("error") or response.reason_phrase)
    return response.reason_phrase


def publish_mastodon(
    instance_url: str,
    token: str,
    text: str,
    *,
    idempotency_key: str,
    client: httpx.Client | None = None,
) -> Published:
    """Post ``text`` as a public status; returns its id and link."""
    if len(text) > MASTODON_LIMIT:
        raise PublishError(f"the text is longer than Mastodon's {MASTODON_LIMIT} characters")
    url = f"{instance_url.rstrip('/')}/api/v1/statuses"
    http = _client(client)
    try:
        response = http.post(
            url,
            json={"status": text, "visibility": "public"},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": idempotency_key},
        )
    except httpx.HTTPError as error:
        raise PublishError(f"Mastodon could not be reached at {instance_url}") from error
    finally:
        if client is None:
            http.close()
    if response.status_code in (401, 403):
        raise PublishError("Mastodon refused the access token")
    if response.status_code >= 400:
        raise PublishError(f"Mastodon answered {response.status_code}: {_detail(response)}")
    body = response.json()
    return Published(str(body["id"]), str(body.get("url") or body.get("uri") or ""))


def record_key(number: int, created: datetime) -> str:
    """A Bluesky record key (a TID) fixed for one item: its creation time in
    microseconds and its number as the clock id."""
    micros = int(created.timestamp() * 1_000_000)
    value = (micros << 10) | (number & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 0x1F])
        value >>= 5
    return "".join(reversed(chars))


def publish_bluesky(
    service_url: str,
    identifier: str,
    app_password: str,
    text: str,
    *,
    rkey: str,
    client: httpx.Client | None = None,
) -> Published:
    """Log in with an app password and write the post under record key ``rkey``
    (``putRecord`` creates it, or rewrites the same post on a retry)."""
    if len(text) > BLUESKY_LIMIT:
        raise PublishError(f"the text is longer than Bluesky's {BLUESKY_LIMIT} characters")
    base = service_url.rstrip("/")
    http = _client(client)
    try:
        session = http.post(
            f"{base}/xrpc/com.atproto.server.createSession",
            json={"identifier": identifier, "password": app_password},
        )
        if session.status_code in (400, 401, 403):
            raise PublishError("Bluesky refused the handle or the app password")
        if session.status_code >= 400:
            raise PublishError(f"Bluesky answered {session.status_code}: {_detail(session)}")
        login = session.json()
        did, jwt, handle = login["did"], login["accessJwt"], login.get("handle", identifier)
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        }
        response = http.post(
            f"{base}/xrpc/com.atproto.repo.putRecord",
            json={"repo": did, "collection": "app.bsky.feed.post", "rkey": rkey, "record": record},
            headers={"Authorization": f"Bearer {jwt}"},
        )
    except httpx.HTTPError as error:
        raise PublishError(f"Bluesky could not be reached at {service_url}") from error
    finally:
        if client is None:
            http.close()
    uri = f"at://{did}/app.bsky.feed.post/{rkey}"
    link = f"https://bsky.app/profile/{handle}/post/{rkey}"
    if response.status_code >= 400:
        raise PublishError(f"Bluesky answered {response.status_code}: {_detail(response)}")
    return Published(str(response.json().get("uri") or uri), link)
