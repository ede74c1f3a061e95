"""The HTTP sink's config: definitions, per-key validation, and parsing."""

from __future__ import annotations

import pytest

from connectmesh_gen.connectmesh.v1 import config_pb2
from connectmesh_http_sink.config_parse import parse_config_text
from connectmesh_http_sink.errors import ConfigError
from connectmesh_http_sink.sink_config import HTTP_SINK_CONFIG, check_url, parse_http_sink_config

URL = "http://127.0.0.1:9/ingest"


def errors_by_key(config: dict[str, str]) -> dict[str, list[str]]:
    return {result.name: list(result.errors) for result in HTTP_SINK_CONFIG.validate(config)}


class TestDefinitions:
    def test_every_key_is_defined_with_type_importance_and_documentation(self) -> None:
        names = [d.name for d in HTTP_SINK_CONFIG.definitions]
        assert names == [
            "http.url",
            "http.headers",
            "http.timeout.ms",
            "batch.max.records",
            "retry.backoff.ms",
            "retry.max.ms",
        ]
        for definition in HTTP_SINK_CONFIG.definitions:
            assert definition.type != config_pb2.CONFIG_TYPE_UNSPECIFIED
            assert definition.importance != config_pb2.CONFIG_IMPORTANCE_UNSPECIFIED
            assert definition.documentation

    def test_the_url_is_required_and_has_no_default(self) -> None:
        url = HTTP_SINK_CONFIG.definitions[0]
        assert url.required and not url.HasField("default_value")

    @pytest.mark.parametrize(
        ("name", "default"),
        [
            ("http.timeout.ms", "10000"),
            ("batch.max.records", "500"),
            ("retry.backoff.ms", "500"),
            ("retry.max.ms", "30000"),
        ],
    )
    def test_numeric_keys_have_their_documented_defaults(self, name: str, default: str) -> None:
        definition = next(d for d in HTTP_SINK_CONFIG.definitions if d.name == name)
        assert definition.default_value == default and not definition.required

    def test_headers_are_an_optional_secret(self) -> None:
        headers = HTTP_SINK_CONFIG.definitions[1]
        assert headers.secret and headers.type == config_pb2.CONFIG_TYPE_PASSWORD
        assert not headers.required and not headers.HasField("default_value")


class TestValidate:
    def test_a_minimal_config_has_no_errors(self) -> None:
        assert all(not errors for errors in errors_by_key({"http.url": URL}).values())

    def test_a_missing_url_is_reported_on_its_key(self) -> None:
        assert errors_by_key({})["http.url"] == [
            'Missing required configuration "http.url" which has no default value.'
        ]

    @pytest.mark.parametrize(
        ("url", "problem"),
        [
            ("ftp://host/x", "must start with http:// or https://"),
            ("collector.internal/ingest", "must start with http:// or https://"),
            ("http:///ingest", "must name a host"),
            ("http://host:99999/", "not a valid URL"),
            ("http://host/a b", "must not contain spaces"),
            ("", "String may not be empty"),
        ],
    )
    def test_a_bad_url_is_reported_on_its_key(self, url: str, problem: str) -> None:
        (error,) = errors_by_key({"http.url": url})["http.url"][:1]
        assert error.startswith(f"Invalid value {url} for configuration http.url: ")
        assert problem in error

    @pytest.mark.parametrize(
        "url", ["http://127.0.0.1:8080/x", "HTTPS://collector.example/ingest?team=a", "http://[::1]:80/"]
    )
    def test_good_urls_pass(self, url: str) -> None:
        assert check_url(url) is None

    @pytest.mark.parametrize(
        ("key", "text", "problem"),
        [
            ("http.timeout.ms", "soon", "Not a number of type INT"),
            ("http.timeout.ms", "0", "Value must be at least 1"),
            ("batch.max.records", "1.5", "Not a number of type INT"),
            ("batch.max.records", "0", "Value must be at least 1"),
            ("batch.max.records", "2147483648", "Not a number of type INT"),
            ("retry.backoff.ms", "-1", "Value must be at least 0"),
            ("retry.max.ms", "30s", "Not a number of type LONG"),
        ],
    )
    def test_bad_numbers_are_reported_on_their_key(self, key: str, text: str, problem: str) -> None:
        errors = errors_by_key({"http.url": URL, key: text})
        assert errors[key] == [f"Invalid value {text} for configuration {key}: {problem}"]
        assert all(not e for name, e in errors.items() if name != key)

    def test_every_problem_is_reported_at_once(self) -> None:
        errors = errors_by_key({"batch.max.records": "x", "retry.max.ms": "-5"})
        assert [name for name, e in errors.items() if e] == ["http.url", "batch.max.records", "retry.max.ms"]

    def test_bad_headers_are_reported_without_echoing_the_secret(self) -> None:
        results = {
            r.name: r
            for r in HTTP_SINK_CONFIG.validate(
                {"http.url": URL, "http.headers": "Authorization Bearer s3cret"}
            )
        }
        headers = results["http.headers"]
        assert headers.value == "[hidden]"
        assert headers.errors == [
            "Invalid value [hidden] for configuration http.headers: "
            'header 1 has no colon; write each header as "Name: value"'
        ]
        assert "s3cret" not in str(headers)

    def test_the_given_value_is_echoed_and_absent_ones_are_unset(self) -> None:
        results = {r.name: r for r in HTTP_SINK_CONFIG.validate({"http.url": URL})}
        assert results["http.url"].value == URL
        assert not results["batch.max.records"].HasField("value")

    def test_runtime_keys_are_ignored(self) -> None:
        names = {
            r.name for r in HTTP_SINK_CONFIG.validate({"http.url": URL, "tasks.max": "3", "topics": "a"})
        }
        assert "tasks.max" not in names and "topics" not in names


class TestParse:
    def test_defaults_fill_what_is_not_given(self) -> None:
        config = parse_http_sink_config({"http.url": URL})
        assert (config.url, config.headers, config.timeout_ms, config.batch_max_records) == (
            URL,
            (),
            10_000,
            500,
        )
        assert (config.retry_backoff_ms, config.retry_max_ms) == (500, 30_000)

    def test_given_values_are_parsed(self) -> None:
        config = parse_http_sink_config(
            {
                "http.url": URL,
                "http.headers": "Authorization: Bearer x | X-Team: data|",
                "http.timeout.ms": " 250 ",
                "batch.max.records": "2",
                "retry.backoff.ms": "0",
                "retry.max.ms": "0",
            }
        )
        assert config.headers == (("Authorization", "Bearer x"), ("X-Team", "data"))
        assert (
            config.timeout_ms,
            config.batch_max_records,
            config.retry_backoff_ms,
            config.retry_max_ms,
        ) == (250, 2, 0, 0)

    def test_a_bad_config_raises_one_error_listing_every_problem(self) -> None:
        with pytest.raises(ConfigError) as raised:
            parse_http_sink_config({"batch.max.records": "0"})
        assert [p.key for p in raised.value.problems] == ["http.url", "batch.max.records"]
        assert "http.url" in raised.value.message and "batch.max.records" in raised.value.message


class TestParseConfigText:
    @pytest.mark.parametrize(
        ("type_", "text", "parsed"),
        [
            (config_pb2.CONFIG_TYPE_BOOLEAN, " TRUE ", True),
            (config_pb2.CONFIG_TYPE_SHORT, "-32768", -32768),
            (config_pb2.CONFIG_TYPE_LONG, "9223372036854775807", 9223372036854775807),
            (config_pb2.CONFIG_TYPE_DOUBLE, "1e3", 1000.0),
            (config_pb2.CONFIG_TYPE_LIST, "a , b,c", ("a", "b", "c")),
            (config_pb2.CONFIG_TYPE_LIST, "  ", ()),
            (config_pb2.CONFIG_TYPE_STRING, " kept ", " kept "),
        ],
    )
    def test_parses_like_connect(self, type_: int, text: str, parsed: object) -> None:
        assert parse_config_text(type_, text) == parsed

    @pytest.mark.parametrize(
        ("type_", "text"),
        [
            (config_pb2.CONFIG_TYPE_BOOLEAN, "yes"),
            (config_pb2.CONFIG_TYPE_SHORT, "32768"),
            (config_pb2.CONFIG_TYPE_LONG, "9223372036854775808"),
            (config_pb2.CONFIG_TYPE_DOUBLE, "1,5"),
        ],
    )
    def test_rejects_what_connect_rejects(self, type_: int, text: str) -> None:
        with pytest.raises(ValueError):
            parse_config_text(type_, text)
