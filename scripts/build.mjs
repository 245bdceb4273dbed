/**
 * @module scripts/build: `npm run build`. Compiles src/, commands/ and adapters/ to dist/ with
 * tsconfig.build.json (no tests, no benchmarks), copies the files that are not TypeScript (the
 * .ps1 scripts, the Teams app's manifest and icons) beside the compiled code, so that the code finds
 * them where it looks (next to itself), and writes the sources' fingerprint for `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, SOURCE_DIRS, STAMP, fingerprint, hasSources, isAsset, projectRoot, sourceFiles } from './build-inputs.mjs';

export function build({ quiet = false } = {}) {
  if (!hasSources()) {
    if (!quiet) console.error('hyperv-chatops: no TypeScript sources here (a packed install); dist/ is used as it is.');
    return;
  }
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('TypeScript is not installed: run `npm ci` (with dev dependencies) to build, or install a packed release.');
  }
  const stamp = fingerprint();
  // Only what the build writes is replaced: dist/ also holds the Teams app package.
  for (const dir of SOURCE_DIRS) rmSync(join(DIST, dir), { recursive: true, force: true });
  rmSync(STAMP, { force: true });
  execFileSync(process.execPath, [tsc, '-p', join(projectRoot, 'tsconfig.build.json')], { cwd: projectRoot, stdio: 'inherit' });
  for (const file of sourceFiles().filter(isAsset)) {
    const to = join(DIST, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(projectRoot, file), to);
  }
  writeFileSync(STAMP, `${stamp}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    build();
  } catch (error) {
    console.error(`hyperv-chatops: build failed: ${error.message}`);
    process.exit(1);
  }
}
