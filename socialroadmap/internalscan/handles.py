"""Employees' social network handles and post authors, in one comparable form.

A handle is stored as ``network:name`` (``x:jan``) or, when the network is not known, as
``name`` alone, which then matches a post author of any source. Names are lower-case and
without the ``@`` (or Reddit's ``u/``) that people and exports put in front. No Django here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Network names people write, and the sources posts carry, mapped to one network.
NETWORKS = {
    "x": "x",
    "twitter": "x",
    "linkedin": "linkedin",
    "instagram": "instagram",
    "facebook": "facebook",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "bsky": "bluesky",
    "reddit": "reddit",
}

SEPARATORS = re.compile(r"[\s,;]+")


class HandleError(ValueError):
    """A handle that cannot be read; the message says why."""


@dataclass(frozen=True)
class Handle:
    network: str | None
    name: str

    def __str__(self) -> str:
        return f"{self.network}:{self.name}" if self.network else self.name

    def matches(self, network: str | None, author: str) -> bool:
        """Whether a post of ``network`` (None: unknown) by ``author`` (normalised) is ours."""
        return self.name == author and (self.network is None or self.network == network)


def normalise_name(text: str) -> str:
    """``@Jan`` and ``u/Jan`` become ``jan``: how handles and authors are compared."""
    name = text.strip().lower()
    for prefix in ("@", "/u/", "u/"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def network_of_source(source: str) -> str | None:
    """The network a post's source names (``twitter`` → ``x``), or None (an RSS feed)."""
    return NETWORKS.get(source.strip().lower())


def parse_handle(text: str) -> Handle:
    """Read ``x:@jan``, ``linkedin:jan-peeters``, ``@jan`` or ``jan``."""
    raw = text.strip()
    if "://" in raw or raw.lower().startswith("www."):
        raise HandleError(f"write the handle, not a link: {raw!r}")
    network: str | None = None
    name = raw
    prefix, colon, rest = raw.partition(":")
    if colon:
        network = NETWORKS.get(prefix.strip().lower())
        if network is None:
            raise HandleError(f"unknown network {prefix!r} in {raw!r}")
        name = rest
    name = normalise_name(name)
    if not name or SEPARATORS.search(name):
        raise HandleError(f"no handle in {raw!r}")
    if len(name) > 100:
        raise HandleError(f"handle too long: {raw!r}")
    return Handle(network, name)


def parse_handles(values: str | list[str] | tuple[str, ...]) -> list[Handle]:
    """Handles from one text (separated by spaces, commas or semicolons) or a list of texts.

    Duplicates are dropped; the order is kept.
    """
    texts = [values] if isinstance(values, str) else list(values)
    found: list[Handle] = []
    for text in texts:
        for part in SEPARATORS.split(text):
            if part:
                handle = parse_handle(part)
                if handle not in found:
                    found.append(handle)
    return found
