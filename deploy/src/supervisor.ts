import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { restartCrashed } from "./component-control.js";
import { meshServices } from "./mesh-services.js";
import { isOurProcess } from "./processes.js";
import { RestartSchedule } from "./restart-schedule.js";
import { readStackState } from "./stack-state.js";
import { heartbeatFile, SUPERVISOR_TICK_MS } from "./supervisor-launch.js";

/** Where the supervisor says what it did: one line each, with the time. */
export type SupervisorLog = (line: string) => void;

/**
 * Watches the mesh's services of the stack recorded in `runDir` (its connector services, coordinator and
 * workers; not Kafka, etcd or the databases, which hold data a blind restart could harm) and starts each
 * that died again on the schedule of RestartSchedule, unless it was stopped on purpose. Ends when `stop`
 * aborts or the stack is gone (`cmesh down` removed its record).
 */
export async function superviseStack(runDir: string, stop: AbortSignal, log: SupervisorLog): Promise<void> {
  const schedule = new RestartSchedule();
  const heartbeat = heartbeatFile(runDir);
  await mkdir(dirname(heartbeat), { recursive: true });
  while (!stop.aborted) {
    const state = await readStackState(runDir);
    if (state?.mesh === undefined) {
      log(`no stack is recorded in ${runDir} any more; the supervisor ends`);
      return;
    }
    await writeFile(heartbeat, new Date().toISOString());
    for (const service of meshServices(state.mesh)) {
      const component = state.components.find((c) => c.name === service.name);
      if (component === undefined || stop.aborted) continue;
      if (component.stoppedOnPurpose) {
        schedule.forget(service.name);
        continue;
      }
      const alive = await isOurProcess(component.pid, runDir);
      if (!schedule.observe(service.name, alive, Date.now())) continue;
      const restarted = await restartCrashed(runDir, service.name).catch((error: unknown) => {
        log(
          `starting ${service.name} again failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      });
      // Counted even when the start failed or the lock was busy: the next try then waits longer.
      schedule.restarted(service.name, Date.now());
      if (restarted !== undefined) {
        log(`${service.name} (pid ${component.pid}) died; started it again as pid ${restarted.pid}`);
      }
    }
    await delay(SUPERVISOR_TICK_MS, undefined, { signal: stop }).catch(() => undefined);
  }
}
