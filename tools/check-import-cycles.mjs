#!/usr/bin/env node
/*
 * Fails when parts of a project import each other, directly or around a loop.
 *
 *   node tools/check-import-cycles.mjs backend|frontend     (Nx: backend:import-cycles, frontend:import-cycles;
 *                                                           each project's `lint` depends on it)
 *
 * A "part" is a folder that should depend one way: a backend module (backend/src/modules/<x>), a
 * frontend feature (frontend/src/app/features/<x>), and every other top-level folder (backend:
 * common/, infrastructure/, queue/, database/, app/ …; frontend: core/, shared/ …) as one part each.
 * Files are read by dependency-cruiser, imports resolved through the project's tsconfig (path
 * aliases included), `import type` counted too. Then the file graph is collapsed onto parts and
 * any strongly connected set of two or more parts is a cycle. File-level checks (no-circular)
 * miss these: module A's file importing module B's file that imports ANOTHER file of A is a cycle
 * between the folders without being one between files.
 */
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { resolve } from 'node:path';

const PROJECTS = {
  backend: {
    roots: ['backend/src', 'backend/test', 'backend/bench'],
    tsConfig: 'backend/tsconfig.spec.json',
    partOf: (path) =>
      match(path, /^backend\/src\/modules\/([^/]+)\//, (m) => `modules/${m[1]}`) ??
      match(path, /^backend\/src\/([^/]+)\//, (m) => m[1]) ??
      match(path, /^backend\/src\/[^/]+$/, () => '(entry points)') ??
      match(path, /^backend\/(test|bench)\//, (m) => m[1]) ??
      match(path, /^libs\/([^/]+)\//, (m) => `libs/${m[1]}`),
  },
  frontend: {
    roots: ['frontend/src'],
    tsConfig: 'frontend/tsconfig.spec.json',
    partOf: (path) =>
      match(path, /^frontend\/src\/app\/features\/([^/]+)\//, (m) => `features/${m[1]}`) ??
      match(path, /^frontend\/src\/app\/([^/]+)\//, (m) => m[1]) ??
      match(path, /^frontend\/src\/app\/[^/]+$/, () => 'app (shell, routes)') ??
      match(path, /^frontend\/src\/([^/]+)\//, (m) => m[1]) ??
      match(path, /^frontend\/src\/[^/]+$/, () => '(entry points)') ??
      match(path, /^libs\/([^/]+)\//, (m) => `libs/${m[1]}`),
  },
};

function match(path, pattern, name) {
  const m = pattern.exec(path);
  return m ? name(m) : undefined;
}

const projectName = process.argv[2];
const project = PROJECTS[projectName];
if (!project) {
  console.error(`usage: node tools/check-import-cycles.mjs ${Object.keys(PROJECTS).join('|')}`);
  process.exit(2);
}

const tsConfig = extractTSConfig(resolve(project.tsConfig));
// Local specifiers: relative ones and the tsconfig's path aliases (`@app/*` matches `@app/…`).
const aliases = Object.keys(tsConfig.options?.paths ?? {}).map((key) => key.replace(/\*$/, ''));
const isLocal = (specifier) =>
  specifier.startsWith('.') ||
  aliases.some((alias) => (alias.endsWith('/') ? specifier.startsWith(alias) : specifier === alias));

const result = await cruise(
  project.roots,
  {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsConfig: { fileName: project.tsConfig },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
  undefined,
  { tsConfig },
);
const modules = result.output.modules;

// The part graph, with one file-level import kept per edge as the example to show.
const edges = new Map(); // part -> Map(part -> "file → file")
const unresolved = [];
for (const module of modules) {
  const from = project.partOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    // An import the resolver cannot follow (a path alias it does not know) would hide its edge.
    if (dependency.couldNotResolve && isLocal(dependency.module))
      unresolved.push(`${module.source}: ${dependency.module}`);
    const to = project.partOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components over the parts.
const parts = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((t) => [...t.keys()])])].sort();
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function connect(part) {
  index.set(part, counter);
  low.set(part, counter++);
  stack.push(part);
  onStack.add(part);
  for (const next of edges.get(part)?.keys() ?? []) {
    if (!index.has(next)) {
      connect(next);
      low.set(part, Math.min(low.get(part), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(part, Math.min(low.get(part), index.get(next)));
    }
  }
  if (low.get(part) === index.get(part)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== part);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const part of parts) if (!index.has(part)) connect(part);

if (unresolved.length > 0) {
  console.error(`${projectName}: imports that could not be resolved (the check would miss their edges):`);
  for (const line of unresolved) console.error(`  ${line}`);
}
if (components.length > 0) {
  console.error(`${projectName}: ${components.length} import cycle(s) between folders that must depend one way:`);
  for (const component of components) {
    console.error(`\n  ${component.join(' ⇄ ')}`);
    for (const from of component) {
      for (const [to, example] of edges.get(from) ?? []) {
        if (component.includes(to)) console.error(`    ${from} → ${to}   e.g. ${example}`);
      }
    }
  }
}
if (components.length > 0 || unresolved.length > 0) process.exit(1);
console.log(`${projectName}: no import cycle between ${parts.length} parts (${modules.length} files)`);
