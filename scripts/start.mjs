/**
 * @module scripts/start: `npm start`. Runs the compiled bot (dist/src/main.js) in this process.
 * In a clone whose dist/ is missing or older than the sources, it compiles first (once; the demo
 * works from a fresh `npm ci && npm start`). A packed install has only dist/ and production
 * dependencies, and runs it as it is. A service should run `node dist/src/main.js` itself
 * (docs/operations.md), so that signals reach the bot with no npm in between.
 */
import { pathToFileURL } from 'node:url';
import { DIST_MAIN, distIsCurrent } from './build-inputs.mjs';
import { build } from './build.mjs';

if (!distIsCurrent()) {
  console.error('hyperv-chatops: compiling to dist/ first (npm run build); this takes up to half a minute, once.');
  try {
    build({ quiet: true });
  } catch (error) {
    console.error(`hyperv-chatops: could not compile: ${error.message}`);
    process.exit(2);
  }
}
// main.js starts the bot when it is the entry point (process.argv[1]); here it is, in all but name.
process.argv[1] = DIST_MAIN;
await import(pathToFileURL(DIST_MAIN).href);
