// Regenerates the typed API client inputs from the server's own description:
// web/openapi.json is the exact output of `guanxi openapi` (a Go test checks
// it has not drifted), and src/api/schema.d.ts is generated from it.
// Set GUANXI_BIN to use a built binary instead of `go run`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..');

const bin = process.env.GUANXI_BIN && resolve(process.env.GUANXI_BIN);
const doc = bin
  ? execFileSync(bin, ['openapi'], { cwd: repo, maxBuffer: 64 << 20 })
  : execFileSync('go', ['run', './cmd/guanxi', 'openapi'], { cwd: repo, maxBuffer: 64 << 20 });
writeFileSync(join(web, 'openapi.json'), doc);

execFileSync(
  process.execPath,
  [join(web, 'node_modules/openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'src/api/schema.d.ts'],
  { cwd: web, stdio: 'inherit' },
);
