"""Schemathesis hooks for the integration run against the shared test stack.

Schemathesis makes up connector and logger names. Every one it sends is moved under PREFIX, so that it can
only ever touch connectors and loggers of its own: never a connector another test made, never a logger the
services use (a made-up "c" would otherwise set the level of every "coordinator.*" logger). The test deletes
what is left under the prefix afterwards.

No connector it touches ever runs a task: a worker that is told to stop a task while the task is still
starting waits for it forever (a worker bug, reported), which would stall every later test. So a create is
always STOPPED (the test also leaves out PUT .../resume), and a config is only ever replaced on FIXTURE, a
STOPPED connector the test made, which is never deleted (a PUT on a new name would create it RUNNING).
"""

import os

import schemathesis

PREFIX = "schemathesis-"
FIXTURE = os.environ["CONNECT_MESH_SCHEMATHESIS_FIXTURE"]


def confined(value):
    text = value if isinstance(value, str) else str(value)
    return text if text.startswith(PREFIX) else PREFIX + text


@schemathesis.hook
def before_call(context, case, kwargs):
    # The one hook that sees every request of every phase (examples, coverage, fuzzing, stateful) just
    # before it is sent; map_case, for one, does not run on the examples phase.
    method, path = case.operation.method.upper(), case.operation.path
    parameters = case.path_parameters or {}
    for key in ("name", "logger"):
        if key in parameters:
            parameters[key] = confined(parameters[key])
    if method == "PUT" and path == "/connectors/{name}/config":
        parameters["name"] = FIXTURE
    # Stateful runs take names from earlier answers, FIXTURE's among them.
    if method == "DELETE" and path == "/connectors/{name}" and parameters.get("name") == FIXTURE:
        parameters["name"] = PREFIX + "not-the-fixture"
    if method == "POST" and path == "/connectors" and isinstance(case.body, dict):
        # Fastify turns a name of 0 or false into "0" or "false", so any value is confined.
        if "name" in case.body:
            case.body["name"] = confined(case.body["name"])
        case.body["initial_state"] = "STOPPED"
