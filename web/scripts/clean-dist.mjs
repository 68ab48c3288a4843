// Empties web/dist before a build but keeps the committed dist/.keep, which
// lets `go build` embed the directory even before the UI is built.
// (vite.config.ts sets emptyOutDir: false so Vite leaves .keep alone.)
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) {
  if (name !== '.keep') rmSync(join(dist, name), { recursive: true, force: true });
}
