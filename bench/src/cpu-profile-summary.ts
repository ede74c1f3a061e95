/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Where a profile's busy time went: by function and by the package or module it belongs to. */
export interface ProfileSummary {
  /** Sampled time the process was not idle, in ms. */
  readonly busyMs: number;
  readonly idleMs: number;
  /** Self time, highest first, as a share of busy time. */
  readonly functions: readonly { readonly name: string; readonly percent: number }[];
  readonly places: readonly { readonly name: string; readonly percent: number }[];
}

/** Self time by function and by place (npm package, the mesh's own packages, Node's modules, GC). */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const samples = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerSample = samples === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / samples;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerSample;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    const name =
      url === "" ? functionName : `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const place = placeOf(functionName, url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  }
  const busyMs = [...byPlace.values()].reduce((sum, ms) => sum + ms, 0);
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, percent: busyMs === 0 ? 0 : (ms / busyMs) * 100 }));
  return { busyMs, idleMs, functions: ranked(byFunction), places: ranked(byPlace) };
}

/** The npm package, the mesh's own package, or the Node module a script belongs to. */
export function placeOf(functionName: string, url: string): string {
  if (url === "") return functionName || "(native)"; // (garbage collector), (program), or a native function
  if (url.startsWith("node:")) return url.split("/")[0] ?? url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules?.[1]) return modules[1];
  const own = /\/((?:libs|services\/connectors|services)\/[^/]+)\//.exec(url);
  if (own?.[1]) return own[1];
  return "(other)";
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/(libs|services)\//, "$1/");
}
