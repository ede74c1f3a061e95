// Fails when two or more of our TypeScript files import each other in a loop, directly or through others
// (type-only imports included: they tie the files' meanings together just the same). Reads every
// `from "./x.js"` and `import("./x.js")` under the workspaces; package imports (`@connect-mesh/...`) are
// left to TypeScript's project references, which refuse loops between packages.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOTS = ["libs", "services", "deploy", "bench", "test"];
const SKIPPED = new Set(["node_modules", "dist", ".venv", "generated"]);
const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*)"(\.{1,2}\/[^"]+)"/g;

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourcesUnder(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const files = new Set(ROOTS.flatMap((dir) => sourcesUnder(join(root, dir))));
const importsOf = new Map(
  [...files].map((file) => {
    const targets = [...readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)]
      .map((match) => normalize(join(dirname(file), match[1])).replace(/\.js$/, ".ts"))
      .filter((target) => files.has(target));
    return [file, targets];
  }),
);

// Tarjan's strongly connected components: every component of more than one file is a loop.
const index = new Map();
const lowLink = new Map();
const stack = [];
const onStack = new Set();
const loops = [];
function visit(file) {
  index.set(file, index.size);
  lowLink.set(file, index.get(file));
  stack.push(file);
  onStack.add(file);
  for (const target of importsOf.get(file)) {
    if (!index.has(target)) {
      visit(target);
      lowLink.set(file, Math.min(lowLink.get(file), lowLink.get(target)));
    } else if (onStack.has(target)) {
      lowLink.set(file, Math.min(lowLink.get(file), index.get(target)));
    }
  }
  if (lowLink.get(file) !== index.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1) loops.push(component);
}
for (const file of files) if (!index.has(file)) visit(file);

for (const loop of loops) {
  process.stderr.write(`import loop: ${loop.map((file) => relative(root, file)).join(" <-> ")}\n`);
}
if (loops.length > 0) process.exit(1);
process.stdout.write(`no import loops among ${files.size} TypeScript files\n`);
