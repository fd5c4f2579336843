#!/usr/bin/env node
// The `nocman` command: runs the CLI built by `npm run build` (out/main/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('nocman: not built yet; run `npm run build` first');
  process.exit(1);
}
await import(cli.href);
