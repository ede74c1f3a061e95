"""Parsing http.headers."""

from __future__ import annotations

import pytest

from connectmesh_http_sink.http_headers import parse_headers


def test_pairs_are_split_on_bars_and_trimmed() -> None:
    assert parse_headers(" Authorization: Bearer a:b | Accept: application/json, text/plain ") == (
        ("Authorization", "Bearer a:b"),
        ("Accept", "application/json, text/plain"),
    )


def test_empty_text_and_stray_bars_mean_no_headers() -> None:
    assert parse_headers("") == ()
    assert parse_headers(" | |") == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("X-Team data", "header 1 has no colon"),
        ("A: 1|: nameless", "header 2 has no valid name"),
        ("Bad Name: x", "header 1 has no valid name"),
        ("Content-Length: 5", '"Content-Length" is set by the HTTP sink itself'),
        ("host: x", '"host" is set by the HTTP sink itself'),
    ],
)
def test_bad_pairs_say_which_and_why(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_headers(text)


def test_a_line_break_in_a_value_is_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        parse_headers("X-A: one\r\nX-Injected: two")
