"""Parses `http.headers`: `Name: value` pairs separated by `|`, e.g. `Authorization: Bearer x|X-Team: data`.

`|` rather than `,` because header values (Accept, Cache-Control, ...) contain commas, while a bar is
rare in headers and never needed in a name.
"""

from __future__ import annotations

import re

Headers = tuple[tuple[str, str], ...]

# RFC 9110 token: what a header name may be made of.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

# Headers that describe the request's framing, which urllib sets from the body it sends; a user value
# would contradict it and corrupt the request.
_RESERVED = frozenset({"content-length", "transfer-encoding", "host", "connection"})


def parse_headers(text: str) -> Headers:
    """The (name, value) pairs in order; raises ValueError saying which pair is wrong and how. Problems
    name a pair by its position, never by its text, since values (and misplaced text) may be secrets."""
    pairs = []
    for position, raw in enumerate(text.split("|"), start=1):
        item = raw.strip()
        if item == "":
            # Tolerates a trailing or doubled bar, as people write when they comment lines out.
            continue
        name, colon, value = item.partition(":")
        name = name.strip()
        if not colon:
            raise ValueError(f'header {position} has no colon; write each header as "Name: value"')
        if not _TOKEN.fullmatch(name):
            raise ValueError(
                f"header {position} has no valid name before its colon; use letters, digits and - only"
            )
        if name.lower() in _RESERVED:
            raise ValueError(f'"{name}" is set by the HTTP sink itself; remove it from http.headers')
        if "\r" in value or "\n" in value:
            raise ValueError(
                f"the value of header {position} ({name}) contains a line break, which HTTP forbids"
            )
        pairs.append((name, value.strip()))
    return tuple(pairs)


def check_headers(text: object) -> str | None:
    """The ConfigKey check for http.headers: what is wrong, or None."""
    try:
        parse_headers(str(text))
    except ValueError as problem:
        return str(problem)
    return None
