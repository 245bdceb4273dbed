/**
 * @module scripts/build-inputs: what dist/ is compiled from, and a fingerprint of it. The build
 * writes the fingerprint into dist/; `npm start` compares it with the sources to know whether
 * dist/ is current. A packed install has no sources: its dist/ is current by definition.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The folders compiled into dist/ (tests and benchmarks are not). */
export const SOURCE_DIRS = ['src', 'commands', 'adapters'];
export const DIST = join(projectRoot, 'dist');
export const STAMP = join(DIST, '.build-stamp');
export const DIST_MAIN = join(DIST, 'src', 'main.js');
/** Files of the source folders that are not compiled: they are copied beside the compiled code. */
export const isAsset = (file) => !file.endsWith('.ts') && !file.endsWith('.md');

/** Every file under the source folders, relative to the project, sorted. */
export function sourceFiles(root = projectRoot) {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [relative(root, path)];
    });
  return SOURCE_DIRS.filter((d) => existsSync(join(root, d))).flatMap((d) => walk(join(root, d))).sort();
}

/** True when the TypeScript sources are here (a clone), false in a packed install. */
export function hasSources(root = projectRoot) {
  return existsSync(join(root, 'src', 'main.ts'));
}

/** A hash of the sources, the build configuration and the package manifest. */
export function fingerprint(root = projectRoot) {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(root), 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    hash.update(file).update('\0');
    if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** dist/ exists and was built from the sources as they are now (or there are no sources to compare). */
export function distIsCurrent(root = projectRoot) {
  if (!existsSync(DIST_MAIN)) return false;
  if (!hasSources(root)) return true;
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === fingerprint(root);
}
