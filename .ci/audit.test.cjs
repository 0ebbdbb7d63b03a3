// Self-test of .ci/audit.cjs (run by `npm test`: node --test .ci/audit.test.cjs). The script is run
// as CI runs it, with a fake `npm` first on the PATH that prints what a real `npm audit --json`
// printed in each case: a clean report, advisories (high, critical, moderate; direct and
// transitive), the registry refusing the endpoint (405, as on this project's machines) or being
// unreachable, and npm failing for a reason of ours.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { after, test } = require('node:test');
const { readAllowlist } = require('./audit.cjs');

const dir = mkdtempSync(path.join(tmpdir(), 'audit-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  path.join(dir, 'npm'),
  '#!/bin/sh\nprintf "%s" "$*" > "$FAKE_NPM_ARGS"\ncat "$FAKE_NPM_STDOUT"\nexit "${FAKE_NPM_EXIT:-0}"\n',
);
chmodSync(path.join(dir, 'npm'), 0o755);

const metadata = (counts) => ({
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts, total: 0 },
  dependencies: { prod: 310, dev: 1400, optional: 60, peer: 0, peerOptional: 0, total: 1770 },
});
const CLEAN = { auditReportVersion: 2, vulnerabilities: {}, metadata: metadata({}) };
const advisory = (name, severity, ghsa, range) => ({
  source: 1000000 + ghsa.length,
  name,
  dependency: name,
  title: `Something bad in ${name}`,
  url: `https://github.com/advisories/${ghsa}`,
  severity,
  cwe: ['CWE-1321'],
  cvss: { score: 9.8, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  range,
});
const CRITICAL = 'GHSA-765h-qjxv-5f44';
const HIGH = 'GHSA-c2qf-rxjj-qqgw';
const MODERATE = 'GHSA-gxpj-cx7g-858c';
const ADVISORIES = {
  auditReportVersion: 2,
  vulnerabilities: {
    handlebars: {
      name: 'handlebars',
      severity: 'critical',
      isDirect: true,
      via: [advisory('handlebars', 'critical', CRITICAL, '<4.7.7')],
      effects: [],
      range: '<=4.7.6',
      nodes: ['node_modules/handlebars'],
      fixAvailable: true,
    },
    semver: {
      name: 'semver',
      severity: 'high',
      isDirect: false,
      via: [advisory('semver', 'high', HIGH, '<5.7.2')],
      effects: ['make-dir'],
      range: '<5.7.2',
      nodes: ['node_modules/make-dir/node_modules/semver'],
      fixAvailable: true,
    },
    // Affected only through semver: the same advisory, named, not repeated.
    'make-dir': {
      name: 'make-dir',
      severity: 'high',
      isDirect: false,
      via: ['semver'],
      effects: [],
      range: '2.0.0 - 3.1.0',
      nodes: ['node_modules/make-dir'],
      fixAvailable: true,
    },
    debug: {
      name: 'debug',
      severity: 'moderate',
      isDirect: false,
      via: [advisory('debug', 'moderate', MODERATE, '<2.6.9')],
      effects: [],
      range: '<2.6.9',
      nodes: ['node_modules/debug'],
      fixAvailable: true,
    },
  },
  metadata: metadata({ moderate: 1, high: 2, critical: 1 }),
};
// What npm 11.19 printed on this machine, whose proxy refuses the audit endpoint.
const REFUSED_405 = {
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  headers: { allow: ['GET,HEAD'], 'content-length': ['0'], 'x-fetch-attempts': ['1'] },
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
};
// And with no registry listening.
const UNREACHABLE = {
  message:
    'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
  error: { summary: '', detail: '' },
};
const NO_LOCKFILE = {
  error: {
    code: 'ENOLOCK',
    summary: 'This command requires an existing lockfile.',
    detail: 'Try creating one first with: npm i --package-lock-only',
  },
};

let runs = 0;
/** Runs .ci/audit.cjs against the fake npm's output; `allowlist` is the advisories list of the allowlist file. */
function audit(output, { exit = 1, allowlist = [], env = {} } = {}) {
  const n = ++runs;
  const stdoutFile = path.join(dir, `npm-output-${n}`);
  const argsFile = path.join(dir, `npm-args-${n}`);
  const allowlistFile = path.join(dir, `allowlist-${n}.json`);
  writeFileSync(stdoutFile, typeof output === 'string' ? output : JSON.stringify(output, null, 2));
  writeFileSync(allowlistFile, JSON.stringify({ advisories: allowlist }));
  const run = spawnSync(process.execPath, [path.join(__dirname, 'audit.cjs')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${dir}${path.delimiter}${process.env.PATH}`,
      FAKE_NPM_STDOUT: stdoutFile,
      FAKE_NPM_ARGS: argsFile,
      FAKE_NPM_EXIT: String(exit),
      AUDIT_ALLOWLIST: allowlistFile,
      AUDIT_REQUIRED: '',
      ...env,
    },
  });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    args: existsSync(argsFile) ? readFileSync(argsFile, 'utf8') : null,
  };
}

test('asks npm about production dependencies only, as JSON', () => {
  assert.equal(audit(CLEAN, { exit: 0 }).args, 'audit --omit=dev --json');
});

test('clean: passes and says so', () => {
  const run = audit(CLEAN, { exit: 0 });
  assert.equal(run.status, 0);
  assert.match(run.stdout, /dependency audit \(npm audit --omit=dev\): no high or critical advisory/);
  assert.doesNotMatch(run.stderr, /NOT performed/);
});

test('advisories: fails, naming every high and critical one once, not the moderate one', () => {
  const run = audit(ADVISORIES);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /2 high or critical advisories in production dependencies/);
  assert.match(run.stderr, new RegExp(`critical ${CRITICAL} in handlebars <4\\.7\\.7`));
  assert.match(run.stderr, new RegExp(`high ${HIGH} in semver <5\\.7\\.2`));
  assert.equal(run.stderr.split('\n').filter((line) => line.includes(HIGH)).length, 1);
  assert.doesNotMatch(run.stderr + run.stdout, new RegExp(MODERATE));
  assert.match(run.stderr, /\.ci\/audit-allowlist\.json/);
});

test('advisories all in the allowlist with a reason: passes, listing them with their reasons', () => {
  const run = audit(ADVISORIES, {
    allowlist: [
      { id: CRITICAL, package: 'handlebars', reason: 'templates are ours, never user input' },
      { id: HIGH, package: 'semver', reason: 'only parses our own version strings' },
    ],
  });
  assert.equal(run.status, 0);
  assert.match(run.stdout, /no high or critical advisory outside the allowlist/);
  assert.match(run.stdout, new RegExp(`allowed by the allowlist: critical ${CRITICAL} .* templates are ours`));
  assert.match(run.stdout, new RegExp(`allowed by the allowlist: high ${HIGH} .* own version strings`));
});

test('advisories partly in the allowlist: fails on the others; a stale entry is pointed out', () => {
  const run = audit(ADVISORIES, {
    allowlist: [
      { id: CRITICAL, reason: 'templates are ours' },
      { id: 'GHSA-aaaa-bbbb-cccc', reason: 'fixed long ago' },
    ],
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /1 high or critical advisory in production dependencies/);
  assert.match(run.stderr, new RegExp(HIGH));
  assert.doesNotMatch(run.stderr, new RegExp(CRITICAL));
  assert.match(run.stdout, /allowlist entry GHSA-AAAA-BBBB-CCCC matches no advisory any more/);
});

test('an allowlist entry without a reason is refused', () => {
  const run = audit(ADVISORIES, {
    allowlist: [
      { id: CRITICAL, reason: ' ' },
      { id: HIGH, reason: 'ok' },
    ],
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /allowlist is invalid: .*"reason" must say why/s);
  assert.equal(run.args, null); // refused before asking npm
});

test('endpoint refused (405 through a proxy): "NOT performed" with the reason, loudly, and CI goes on', () => {
  const run = audit(REFUSED_405);
  assert.equal(run.status, 0);
  assert.match(
    run.stderr,
    /dependency audit NOT performed: the registry's audit endpoint answered 405 Method Not Allowed - POST https:\/\/registry\.npmjs\.org\/-\/npm\/v1\/security\/advisories\/bulk/,
  );
  assert.match(run.stderr, /NOT known to be free of high or critical advisories/);
  assert.doesNotMatch(run.stdout, /no high or critical advisory/);
});

test('endpoint unreachable: "NOT performed" too; AUDIT_REQUIRED=true makes it fail', () => {
  const run = audit(UNREACHABLE);
  assert.equal(run.status, 0);
  assert.match(run.stderr, /dependency audit NOT performed: .*could not be reached .*ECONNREFUSED/);
  const required = audit(REFUSED_405, { env: { AUDIT_REQUIRED: 'true' } });
  assert.equal(required.status, 1);
  assert.match(required.stderr, /NOT performed.*\n(.*\n)*# AUDIT_REQUIRED is set: failing/);
});

test('npm failing for a reason of ours (no lock file, output it cannot read) fails', () => {
  const noLock = audit(NO_LOCKFILE);
  assert.equal(noLock.status, 1);
  assert.match(noLock.stderr, /dependency audit could not run: npm audit failed: ENOLOCK/);
  const garbage = audit('npm ERR! something else entirely\n');
  assert.equal(garbage.status, 1);
  assert.match(garbage.stderr, /could not run: npm audit printed no JSON/);
});

test('the committed allowlist is valid', () => {
  assert.ok(readAllowlist(path.join(__dirname, 'audit-allowlist.json')) instanceof Map);
});
