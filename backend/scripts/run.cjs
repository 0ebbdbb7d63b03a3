#!/usr/bin/env node
// Runs a backend TypeScript entrypoint directly through SWC (decorator metadata and the
// tsconfig path aliases included), so there is no separate build step to forget.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.app.json');
require('@swc-node/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node backend/scripts/run.cjs <entry.ts> [args]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(entry));
