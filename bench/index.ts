/**
 * @module bench: `npm run bench` runs every benchmark in one process and prints a table
 * each, with the ratios the issues ask for measured in the same run.
 * `npm run bench -- core` runs only the named ones.
 */
import { printTable, type Bench } from './table.js';
import { coreBench } from './core.js';
import { storeBench } from './store.js';
import { remotingBench } from './remoting.js';
import { slackBench } from './slack.js';
import { psrpBench } from './psrp.js';

const benches: Bench[] = [coreBench, storeBench, remotingBench, slackBench, psrpBench];

const wanted = process.argv.slice(2);
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  printTable(await bench.run());
}
