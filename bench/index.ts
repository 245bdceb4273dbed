/**
 * @module bench: `npm run bench` runs every benchmark in one process and prints a table
 * each, with the ratios the issues ask for measured in the same run.
 * `npm run bench -- core` runs only the named ones; an unknown name exits 2 and lists them.
 */
import { printTable, type Bench } from './table.js';
import { coreBench } from './core.js';
import { storeBench } from './store.js';
import { remotingBench } from './remoting.js';
import { slackBench } from './slack.js';
import { accessBench } from './access.js';
import { hostileBench } from './hostile.js';
import { scaleBench } from './scale.js';
import { drainBench } from './scale-drain.js';
import { psrpBench } from './psrp.js';
import { haBench } from './ha.js';

const benches: Bench[] = [coreBench, storeBench, remotingBench, slackBench, accessBench, hostileBench, scaleBench, drainBench, psrpBench, haBench];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benches.some((b) => b.name === name));
if (unknown.length) {
  process.stderr.write(`Unknown bench: ${unknown.join(', ')}. Known: ${benches.map((b) => b.name).join(', ')}.\n`);
  process.exit(2);
}
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  printTable(await bench.run());
}
