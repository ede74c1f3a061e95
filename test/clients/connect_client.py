"""A Kafka Connect REST client written as third-party Python clients write theirs.

It sends `Content-Type: application/json` on every request, bodiless ones included, and spells booleans
as Python prints them (`True`, `False`). It walks one FileStreamSource connector through its lifecycle
and prints each step's method, path, status and body as one JSON array, for the test to check.

Usage: connect_client.py <rest-url> <connector-name> <input-file> <topic>
"""

import json
import sys
import time
import urllib.error
import urllib.request

HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
DEADLINE_SECONDS = 60


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text, allow = response.status, response.read().decode(), response.headers.get("Allow")
    except urllib.error.HTTPError as error:
        status, text, allow = error.code, error.read().decode(), error.headers.get("Allow")
    return {
        "method": method,
        "path": path,
        "status": status,
        "body": json.loads(text) if text else None,
        "allow": allow,
    }


def until(describe, attempt, is_done):
    """Repeats `attempt` until `is_done` accepts its answer, or fails after the deadline."""
    give_up_at = time.monotonic() + DEADLINE_SECONDS
    while True:
        answer = attempt()
        if is_done(answer):
            return answer
        if time.monotonic() > give_up_at:
            raise SystemExit(f"gave up waiting for {describe}: last answer {answer}")
        time.sleep(0.2)


def main(base, name, input_file, topic):
    steps = []
    config = {"connector.class": "FileStreamSource", "file": input_file, "topic": topic}
    steps.append(call(base, "POST", "/connectors", {"name": name, "config": config}))

    def task_state(expected):
        def running():
            return call(base, "GET", f"/connectors/{name}/status")

        return until(
            f"{name}'s task to be {expected}",
            running,
            lambda r: r["status"] == 200 and [t["state"] for t in r["body"]["tasks"]] == [expected],
        )

    steps.append(task_state("RUNNING"))
    steps.append(call(base, "PUT", f"/connectors/{name}/pause"))
    steps.append(task_state("PAUSED"))
    steps.append(call(base, "PUT", f"/connectors/{name}/resume"))
    steps.append(task_state("RUNNING"))
    # 409 while tasks move between workers, as Connect answers during a rebalance: try again.
    steps.append(
        until(
            "a restart outside a rebalance",
            lambda: call(base, "POST", f"/connectors/{name}/restart?includeTasks=True&onlyFailed=False"),
            lambda r: r["status"] != 409,
        )
    )
    steps.append(task_state("RUNNING"))
    steps.append(call(base, "GET", "/connector-plugins?connectorsOnly=False"))
    steps.append(call(base, "POST", f"/connectors/{name}/status"))
    steps.append(call(base, "PUT", f"/connectors/{name}/stop"))
    steps.append(call(base, "DELETE", f"/connectors/{name}"))
    steps.append(call(base, "GET", f"/connectors/{name}"))
    print(json.dumps(steps))


if __name__ == "__main__":
    main(*sys.argv[1:5])
