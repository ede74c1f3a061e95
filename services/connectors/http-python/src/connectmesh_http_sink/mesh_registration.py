"""Registers this connector service in the mesh's service registry, the same way the TypeScript services
do (connector-sdk's registerInMesh over coordination's ServiceRegistry):

- key   /connect-mesh/<cluster>/services/connector/<instance id>  (cluster, type and id URI-encoded)
- value {"serviceType": "connector", "instanceId", "address", "metricsAddress" (when /metrics is
        served), "plugins": [{"className", "aliases", "kind", "version"}], "version", "registeredAt"}
- written under a lease (TTL 10 s) that a background thread keeps alive every ~3 s, so a killed process
  drops out of the registry once the lease expires; a graceful stop deletes the key and revokes the lease
  at once.

If the lease is lost (etcd unreachable for longer than the TTL, or etcd says it is gone), the thread
registers again under a new lease, every second until it succeeds: workers must be able to find this
service again once etcd is back, without a restart.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from connectmesh_gen.connectmesh.v1 import connector_pb2

from .errors import PluginError
from .etcd_gateway import EtcdGateway
from .json_log import component_logger
from .plugin_catalog import kind_name

CONNECTOR_SERVICE_TYPE = "connector"
LEASE_TTL_S = 10
# A third of the TTL: two keep-alives can be lost before the lease is at risk.
KEEP_ALIVE_INTERVAL_S = 3.0
# Between attempts to register again after losing the lease, so a flapping etcd is not hammered.
RE_REGISTER_DELAY_S = 1.0
# How long deregister() waits for the keep-alive thread, which may be inside one etcd call (5 s at most).
KEEP_ALIVE_STOP_TIMEOUT_S = 6.0


def registry_key(cluster: str, instance_id: str) -> str:
    """The key this instance is registered under; encoded like encodeURIComponent, so a "/" in an id
    cannot reach into another type's keys."""
    return (
        f"/connect-mesh/{_uri_component(cluster)}/services/{_uri_component(CONNECTOR_SERVICE_TYPE)}/"
        f"{_uri_component(instance_id)}"
    )


def registry_entry(
    instance_id: str,
    address: str,
    plugins: Sequence[connector_pb2.Plugin],
    metrics_address: str | None = None,
) -> dict[str, object]:
    """The registry value: ServiceInstance in coordination/src/service-instance.ts."""
    return {
        "serviceType": CONNECTOR_SERVICE_TYPE,
        "instanceId": instance_id,
        "address": address,
        **({} if metrics_address is None else {"metricsAddress": metrics_address}),
        "plugins": [
            {
                "className": plugin.class_name,
                "aliases": list(plugin.aliases),
                "kind": kind_name(plugin),
                "version": plugin.version,
            }
            for plugin in plugins
        ],
        "version": plugins[0].version if plugins else "0.0.0",
        "registeredAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


class MeshRegistration:
    """A registration that lasts until deregister(). Create it with register_in_mesh()."""

    def __init__(
        self,
        gateway: EtcdGateway,
        cluster: str,
        instance_id: str,
        address: str,
        plugins: Sequence[connector_pb2.Plugin],
        metrics_address: str | None = None,
    ) -> None:
        self._gateway = gateway
        self._metrics_address = metrics_address
        self._key = registry_key(cluster, instance_id)
        self._instance_id = instance_id
        self._address = address
        self._plugins = tuple(plugins)
        self._logger = component_logger("mesh-registration", instanceId=instance_id)
        self._stopping = threading.Event()
        self._lease_id: str | None = None
        # When the lease was last known alive, on the monotonic clock: the grant or the last keep-alive.
        self._alive_at = 0.0
        self._thread = threading.Thread(target=self._keep_registered, name="mesh-registration", daemon=True)

    @property
    def key(self) -> str:
        """The registry key this instance is written under."""
        return self._key

    @property
    def lease_id(self) -> str | None:
        """The lease the entry lives under now; None while lost and not yet registered again."""
        return self._lease_id

    def register(self) -> None:
        """Grants a lease and writes the entry under it; raises a PluginError if etcd does not take it."""
        lease_id, _ = self._gateway.grant_lease(LEASE_TTL_S)
        try:
            entry = registry_entry(self._instance_id, self._address, self._plugins, self._metrics_address)
            self._gateway.put(self._key, json.dumps(entry), lease_id)
        except PluginError:
            self._revoke_quietly(lease_id)
            raise
        if self._stopping.is_set():
            # deregister() ran while this (keep-alive thread's) registration was in flight, and may have
            # deleted the key before this put landed; revoking the new lease deletes it again.
            self._revoke_quietly(lease_id)
            return
        self._lease_id = lease_id
        self._alive_at = time.monotonic()
        self._logger.info(
            "registered in the service registry", extra={"key": self._key, "plugins": len(self._plugins)}
        )

    def start_keep_alive(self) -> None:
        self._thread.start()

    def deregister(self) -> None:
        """Leaves the registry at once, so workers stop picking this instance, then ends the lease."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=KEEP_ALIVE_STOP_TIMEOUT_S)
        try:
            self._gateway.delete(self._key)
        except PluginError as error:
            self._logger.warning(
                "could not leave the registry; the entry goes when its lease expires",
                extra={"reason": error.message},
            )
        if self._lease_id is not None:
            self._revoke_quietly(self._lease_id)
        self._logger.info("left the service registry", extra={"key": self._key})

    def _keep_registered(self) -> None:
        interval_s = KEEP_ALIVE_INTERVAL_S
        while not self._stopping.wait(interval_s):
            interval_s = KEEP_ALIVE_INTERVAL_S
            try:
                if self._lease_id is None:
                    self.register()
                    continue
                if self._gateway.keep_alive(self._lease_id) > 0:
                    self._alive_at = time.monotonic()
                    continue
                self._logger.warning("etcd says the registry lease is gone; registering again")
                self._lease_id = None
                self.register()
            except PluginError as error:
                # Lost once no keep-alive was confirmed for a whole TTL: etcd has dropped the entry by now.
                if self._lease_id is not None and time.monotonic() - self._alive_at >= LEASE_TTL_S:
                    self._logger.warning(
                        "lost the registry lease; registering again", extra={"reason": error.message}
                    )
                    self._lease_id = None
                else:
                    self._logger.warning(
                        "could not reach etcd; trying again", extra={"reason": error.message}
                    )
                if self._lease_id is None:
                    interval_s = RE_REGISTER_DELAY_S

    def _revoke_quietly(self, lease_id: str) -> None:
        try:
            self._gateway.revoke_lease(lease_id)
        except PluginError as error:
            self._logger.warning(
                "could not revoke the lease; it expires on its own", extra={"reason": error.message}
            )


def register_in_mesh(
    etcd_endpoints: Sequence[str],
    cluster: str,
    instance_id: str,
    address: str,
    plugins: Sequence[connector_pb2.Plugin],
    metrics_address: str | None = None,
) -> MeshRegistration:
    """Registers now (raising if etcd cannot be reached, so a misconfigured service fails at start) and
    keeps the registration alive from a background thread until deregister()."""
    registration = MeshRegistration(
        EtcdGateway(etcd_endpoints), cluster, instance_id, address, plugins, metrics_address
    )
    registration.register()
    registration.start_keep_alive()
    return registration


def _uri_component(text: str) -> str:
    # encodeURIComponent leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ) unescaped; quote() always keeps - _ . ~.
    return quote(text, safe="!*'()")
