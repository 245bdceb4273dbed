/**
 * The README's sample session, run through the real console adapter in scripted mode: as
 * `npm start` runs it (over WinRM, every script in a real pwsh), then what scripted mode promises.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runConsoleScript } from './run-console-script.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function sampleBlock(): string[] {
  const match = /<!-- sample-session:start -->\s*```text\n([\s\S]*?)```\s*<!-- sample-session:end -->/.exec(readme);
  if (!match) throw new Error('README.md has no sample-session block');
  return match[1]!.split('\n').filter((l) => l.trim() !== '');
}

/** Lines like `bob@demo> approve 1` are what was typed, as `as bob: approve 1` unless it is the default user. */
function inputs(block: string[]): string[] {
  return block.flatMap((line) => {
    const m = /^(\w+)@demo> (.*)$/.exec(line);
    if (!m) return [];
    return [m[1] === 'alice' ? m[2]! : `as ${m[1]}: ${m[2]}`];
  });
}

// The demo's path: the operations in a real pwsh over PSRP.
jest.setTimeout(120_000);

test('every line of the README sample session appears in the real output, in order, with the scripts in real PowerShell', async () => {
  const block = sampleBlock();
  expect(inputs(block).length).toBeGreaterThanOrEqual(5);
  // The README's times are the virtual clock's (from 09:00 UTC); the sample reads no events, so the node's own clock does not matter.
  const { output } = await runConsoleScript(inputs(block), undefined, { transport: 'psrp', startAtMachineTime: false });
  const actual = output.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const expected of block) {
    const found = actual.indexOf(expected.trimEnd(), at);
    if (found < 0) throw new Error(`README line not found in the output (after line ${at}):\n${expected}\n--- output ---\n${output}`);
    at = found + 1;
  }
});

test('the sample session migrates vm42 to node2 and refuses the typo and the self-approval', async () => {
  const { output, result } = await runConsoleScript(inputs(sampleBlock()));
  expect(output).toContain('did you mean vm42?');
  expect(output).toContain('someone else has to approve it');
  expect(output).toMatch(/✅ #1 vm42 is running on node2 \(live migration, downtime \d+ ms\)/);
  expect(result.refused).toEqual(['migrate vm24 to node2', 'approve 1', 'as bob: approve 1']);
  expect(result.exitCode).toBe(1);
});

test('a script whose commands are all accepted and whose jobs succeed exits 0', async () => {
  const { result, output } = await runConsoleScript(['nodes', 'quick migrate "SQL Server 01" to node3', 'as carol: approve 1', 'vms on node3']);
  expect(output).toMatch(/SQL Server 01\s+node3\s+Running/);
  expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
});

test('a job that fails makes the script exit 1 and names the job, though every command was accepted', async () => {
  const { result, output } = await runConsoleScript(['migrate vm42 to node2', 'as bob: approve 1', 'vm vm42'], (cluster) =>
    cluster.injectFailure({ kind: 'network-drop', vm: 'vm42', atPercent: 40 }),
  );
  expect(output).toMatch(/❌ #1 .*vm42/);
  expect(output).toMatch(/Node: node1/);
  expect(result).toEqual({ exitCode: 1, refused: [], failedJobs: [1] });
});
