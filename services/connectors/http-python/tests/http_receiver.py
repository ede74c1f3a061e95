"""A local HTTP endpoint for the sink to POST to, standing in for a team's real service: it keeps every
request, answers 200 unless told otherwise, and can be scripted to answer 503, 429 or 400 for a while, or
to refuse every request holding given records."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class ReceivedRequest:
    """One POST as the receiver saw it, and what it answered."""

    path: str
    headers: dict[str, str]
    body: bytes
    status: int

    @property
    def records(self) -> list[dict[str, Any]]:
        return json.loads(self.body)


@dataclass(frozen=True)
class Answer:
    status: int
    body: str = ""
    retry_after_s: int | None = None


class HttpReceiver:
    """Listens on a free loopback port from construction until close()."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripted: deque[Answer] = deque()
        self._default = Answer(200, '{"ok":true}')
        self._rejected_offsets: set[int] = set()
        self._rejection = Answer(400)
        self._requests: list[ReceivedRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval, so close() (which waits for the serving loop to notice) is quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="http-receiver",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/ingest"

    def answer(
        self, status: int, *, times: int = 1, body: str = "", retry_after_s: int | None = None
    ) -> None:
        """Answers the next `times` requests with `status`, then goes back to the default."""
        with self._lock:
            self._scripted.extend([Answer(status, body, retry_after_s)] * times)

    def answer_always(self, status: int, body: str = "") -> None:
        """Answers every request (after the scripted ones) with `status`."""
        with self._lock:
            self._default = Answer(status, body)

    def reject_offsets(self, *offsets: int, status: int = 400, body: str = "") -> None:
        """Answers `status` to every request holding a record at one of `offsets`, as a receiver that
        validates each record refuses a request with a bad one."""
        with self._lock:
            self._rejected_offsets.update(offsets)
            self._rejection = Answer(status, body)

    @property
    def requests(self) -> list[ReceivedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def accepted_records(self) -> list[dict[str, Any]]:
        """Every record of every request answered 2xx, in arrival order."""
        return [
            record for request in self.requests if 200 <= request.status < 300 for record in request.records
        ]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_answer(self, body: bytes) -> Answer:
        with self._lock:
            if self._scripted:
                return self._scripted.popleft()
            if self._rejected_offsets and any(
                record.get("offset") in self._rejected_offsets for record in json.loads(body)
            ):
                return self._rejection
            return self._default

    def _record(self, request: ReceivedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server looks for
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                answer = receiver._next_answer(body)
                receiver._record(ReceivedRequest(self.path, dict(self.headers.items()), body, answer.status))
                payload = answer.body.encode()
                self.send_response(answer.status)
                if answer.retry_after_s is not None:
                    self.send_header("Retry-After", str(answer.retry_after_s))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                # Quiet: pytest shows the assertions, not an access log.
                pass

        return Handler
