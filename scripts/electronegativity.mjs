// Runs Electronegativity (Doyensec's Electron security linter) on the Electron shell and fails
// when a HIGH or MEDIUM finding is not in security/electronegativity-exceptions.json, or when an
// exception no longer matches any finding (so the reviewed list stays true). The tool itself
// exits 0 whatever it finds: this script reads its CSV output instead.
// The tool lives in tools/electronegativity with its own lockfile; it is installed on first use.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const toolDir = path.join(root, 'tools/electronegativity');
const cli = path.join(toolDir, 'node_modules/@doyensec/electronegativity/dist/index.js');
const scanned = 'src-main/electron';

if (!existsSync(cli)) {
  const install = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('electronegativity: could not install the tool (npm ci in tools/electronegativity)');
    process.exit(1);
  }
}

const electron = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');
/** One scan: its findings, or null when the tool did not complete. */
function scan() {
  const out = mkdtempSync(path.join(tmpdir(), 'centralita-electronegativity-'));
  const csv = path.join(out, 'findings.csv');
  const run = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(path.join(root, 'scripts/electronegativity-offline.mjs')).href, cli, '-i', path.join(root, scanned), '-o', csv, '-r', '-e', electron],
    { encoding: 'utf8', env: { ...process.env, LANG: 'en-US' } },
  );
  if (run.status !== 0 || !existsSync(csv)) {
    console.error(run.stdout, run.stderr);
    rmSync(out, { recursive: true, force: true });
    return null;
  }
  const rows = parseCsv(readFileSync(csv, 'utf8'))
    .slice(1)
    .filter((row) => row.length >= 5)
    .map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file: path.basename(file || ''), location }));
  rmSync(out, { recursive: true, force: true });
  return rows;
}

// A scan of this shell always finds something (at least the global CSP check, which cannot see
// the CSP set in code): a scan that found nothing at all did not really run (seen once on a
// first run right after installing the tool), so it is tried once more before judging.
let findings = scan();
if (findings !== null && findings.length === 0) findings = scan();
if (findings === null) {
  console.error('electronegativity: the scan did not complete');
  process.exit(1);
}

const exceptions = JSON.parse(readFileSync(path.join(root, 'security/electronegativity-exceptions.json'), 'utf8')).exceptions;
const excepted = (f) => exceptions.some((e) => e.check === f.check && (e.file === '*' || e.file === f.file));
const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const open = serious.filter((f) => !excepted(f));
const stale = exceptions.filter((e) => !findings.some((f) => f.check === e.check && (e.file === '*' || e.file === f.file)));

const count = (level) => findings.filter((f) => f.severity === level).length;
console.log(`electronegativity ${scanned} (Electron ${electron}): ${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low, ${count('INFORMATIONAL')} informational; ${serious.length - open.length} covered by reviewed exceptions`);
for (const f of open) console.error(`  not reviewed: ${f.severity} ${f.check} ${f.file}:${f.location}`);
for (const e of stale) console.error(`  stale exception (no such finding any more): ${e.check} ${e.file}`);
const passed = open.length === 0 && stale.length === 0 ? 1 : 0;
console.log(`electronegativity: ${passed} passed, ${1 - passed} failed`);
process.exit(passed ? 0 : 1);

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows;
}
