"""One POST of a JSON body to the configured URL, with the answer sorted into accepted, retriable or fatal.

- 2xx: accepted.
- 429, 5xx, a timeout or no answer at all (refused, reset, DNS): HttpUnavailableError, retriable.
- anything else (4xx, and 3xx since redirects are not followed): HttpRejectedError, fatal.

Redirects are not followed because urllib would turn a redirected POST into a GET without the body,
and report success for records that were never delivered; a moved endpoint is a config to fix.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from .errors import FatalError, RetriableError
from .http_headers import Headers
from .version import VERSION

# How much of an error answer's body to read and to quote: enough to see the receiver's reason, bounded
# so a receiver that answers with a page of HTML cannot flood the worker's task status.
MAX_QUOTED_BODY_CHARS = 500
_MAX_READ_BYTES = 4096


class HttpUnavailableError(RetriableError):
    """The receiver did not take the request this time (throttled, failing, unreachable)."""

    def __init__(self, message: str, *, status: int | None = None, retry_after_ms: float = 0) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after_ms = retry_after_ms


class HttpRejectedError(FatalError):
    """The receiver refused the request for good (bad data, bad credentials, wrong URL)."""

    def __init__(self, message: str, *, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        # None makes urllib raise the 3xx as an HTTPError, which post() reports as rejected.
        return None


class HttpPoster:
    """POSTs bodies to one URL with fixed headers. Thread-safe: it keeps no connection between calls."""

    def __init__(self, url: str, headers: Headers, timeout_ms: int) -> None:
        self._url = url
        self._timeout_s = timeout_ms / 1000
        self._headers = {
            "Content-Type": "application/json",
            "User-Agent": f"connect-mesh-http-sink/{VERSION}",
        }
        # User headers win, so a receiver wanting e.g. application/vnd.x+json can have it.
        self._headers.update(dict(headers))
        self._opener = urllib.request.build_opener(_NoRedirects)
        self.shown_url = safe_url(url)

    def post(self, body: bytes) -> None:
        """Returns once the receiver answered 2xx; raises HttpUnavailableError or HttpRejectedError."""
        request = urllib.request.Request(self._url, data=body, headers=self._headers, method="POST")
        try:
            with self._opener.open(request, timeout=self._timeout_s) as response:
                # The content of a 2xx answer is not used; reading a bounded part before closing spares
                # the receiver a reset mid-answer without letting a huge answer cost memory.
                response.read(_MAX_READ_BYTES)
        except urllib.error.HTTPError as answer:
            raise self._classify(answer) from answer
        except (urllib.error.URLError, http.client.HTTPException, OSError) as problem:
            # URLError wraps refused/unresolvable; timeouts and resets arrive as OSError subclasses.
            reason = problem.reason if isinstance(problem, urllib.error.URLError) else problem
            what = "timed out" if isinstance(reason, TimeoutError) else f"failed: {reason}"
            raise HttpUnavailableError(f"POST {self.shown_url} {what}") from problem

    def _classify(self, answer: urllib.error.HTTPError) -> HttpUnavailableError | HttpRejectedError:
        status = answer.code
        body = _read_quoted_body(answer)
        said = f"POST {self.shown_url} answered {status} {answer.reason}" + (f": {body}" if body else "")
        if status == 429 or status >= 500:
            return HttpUnavailableError(said, status=status, retry_after_ms=_retry_after_ms(answer))
        return HttpRejectedError(said, status=status, body=body)


def safe_url(url: str) -> str:
    """The URL without user info, query or fragment, for messages and logs: those parts often carry
    credentials (https://user:token@host/, ?api_key=...)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _read_quoted_body(answer: urllib.error.HTTPError) -> str:
    try:
        raw = answer.read(_MAX_READ_BYTES)
    except (OSError, http.client.HTTPException):
        return ""
    text = raw.decode("utf-8", errors="replace").strip()
    if len(text) > MAX_QUOTED_BODY_CHARS:
        return text[:MAX_QUOTED_BODY_CHARS] + "... (truncated)"
    return text


def _retry_after_ms(answer: urllib.error.HTTPError) -> float:
    """The receiver's Retry-After in milliseconds, when it gives one in seconds (the HTTP-date form is
    rare from APIs and is ignored), else 0."""
    text = (answer.headers.get("Retry-After") or "").strip() if answer.headers else ""
    return float(text) * 1000 if text.isdigit() else 0.0
