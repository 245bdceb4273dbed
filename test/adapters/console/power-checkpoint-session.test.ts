/**
 * VM power (start, stop, stop --force, save, restart) and checkpoints through the real console
 * adapter, over WinRM on loopback to the simulated cluster: the happy paths and each refusal.
 */
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import { runConsoleScript } from './run-console-script.js';
import { runConsoleWith } from './run-console-inventory.js';

const GiB = 1024;

describe('stop, start, save, restart', () => {
  test('a guest shutdown needs one approval; start brings the VM back', async () => {
    const { output, result } = await runConsoleScript(['stop web01', 'as bob: approve 1', 'vm web01', 'start web01', 'as bob: approve 2', 'vm web01']);
    expect(output).toContain('#1 Shut down web01 (guest shutdown)');
    expect(output).toContain('How: The guest is asked to shut down and gets five minutes to save its data.');
    expect(output).toContain('Needs one approval');
    expect(output).toContain('✅ #1 web01 is Off on node1');
    expect(output).toContain('Memory: node1 has 148 GiB free; web01 needs 4 GiB ✓');
    expect(output).toContain('✅ #2 web01 is Running on node1');
    expect(output.match(/State: (Off|Running)$/gm)).toEqual(['State: Off', 'State: Running']);
    expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
  });

  test('stop --force turns the VM off: disruptive, two approvals, and it says data may be lost', async () => {
    const { output, result } = await runConsoleScript(['stop web01 --force', 'as bob: approve 1', 'as carol: approve 1']);
    expect(output).toContain('#1 Turn off web01 (power off: unsaved data is lost)');
    expect(output).toContain('Data: Turning off is pulling the plug: whatever the guest has not written to disk is lost.');
    expect(output).toContain('Needs 2 approvals');
    expect(output).toContain('✅ #1 web01 is Off on node1');
    expect(result.failedJobs).toEqual([]);
  });

  test('turn off is the same request as stop --force', async () => {
    const { output } = await runConsoleScript(['turn off lab-scratch']);
    expect(output).toContain('#1 Turn off lab-scratch (power off: unsaved data is lost)');
    expect(output).toContain('Needs 2 approvals');
  });

  test('save keeps the memory on disk; start resumes it', async () => {
    const { output, result } = await runConsoleScript(['save app01', 'as bob: approve 1', 'start app01', 'as bob: approve 2']);
    expect(output).toContain('#1 Save app01 (its memory to disk)');
    expect(output).toContain('✅ #1 app01 is Saved on node1');
    expect(output).toContain('State: app01 is Saved ✓');
    expect(output).toContain('✅ #2 app01 is Running on node1');
    expect(result.failedJobs).toEqual([]);
  });

  test('restart is a hard restart: disruptive, with the data warning', async () => {
    const { output, result } = await runConsoleScript(['restart web02', 'as bob: approve 1', 'as carol: approve 1']);
    expect(output).toContain('#1 Restart web02 (hard restart)');
    expect(output).toContain('Data: A hard restart, like pressing reset: whatever the guest has not written to disk is lost.');
    expect(output).toContain('✅ #1 web02 is Running on node2');
    expect(result.failedJobs).toEqual([]);
  });

  test.each([
    ['start a VM that runs', 'start web01', 'State: web01 is already running ✗'],
    ['stop a VM that is off', 'stop test-win11', 'State: test-win11 is already off ✗'],
    ['turn off a VM that is off', 'stop test-win11 --force', 'State: test-win11 is already off ✗'],
    ['save a VM that is off', 'save test-win11', 'State: test-win11 is Off; this needs it Running or Paused ✗'],
    ['restart a VM that is off', 'restart test-win11', 'State: test-win11 is Off; this needs it Running ✗'],
    ['an unknown VM', 'start web1', 'No VM named web1 on demo; did you mean'],
  ])('refuses to %s', async (_label, line, words) => {
    const { output, result } = await runConsoleScript([line]);
    expect(output).toContain(words);
    expect(result.refused).toEqual([line]);
  });

  test('a VM another request holds is busy', async () => {
    const { output, result } = await runConsoleScript(['migrate web01 to node2', 'stop web01']);
    expect(output).toContain("web01 is busy with request #1 (pending).");
    expect(result.refused).toEqual(['stop web01']);
  });

  test('a start the node has no memory for fails as Windows does, with why and the fix', async () => {
    const tight: ClusterInventory = {
      name: 'tight',
      nodes: [{ name: 'node1', memoryMB: 16 * GiB, reserveMB: 4 * GiB }],
      vms: [{ name: 'a', node: 'node1', memoryMB: 8 * GiB, state: 'Off' }, { name: 'b', node: 'node1', memoryMB: 8 * GiB, state: 'Off' }],
    };
    const { output, result } = await runConsoleWith(tight, ['start a', 'start b', 'as bob: approve 1', 'as bob: approve 2']);
    expect(output).toContain('✅ #1 a is Running on node1');
    expect(output).toContain("❌ #2 'b' could not initialize memory: Ran out of memory (0x8007000E)");
    expect(output).toContain('Why: the destination ran out of memory while starting the VM (E_OUTOFMEMORY).');
    expect(output).toContain('Fix: Pick a node with more free memory');
    expect(result.failedJobs).toEqual([2]);
  });
});

describe('checkpoint and checkpoints', () => {
  test('a named checkpoint, then one Hyper-V names, listed oldest first', async () => {
    const lines = ['checkpoints vm42', 'checkpoint vm42 before patching', 'as bob: approve 1', 'checkpoint vm42', 'as bob: approve 2', 'checkpoints VM42'];
    const { output, result } = await runConsoleScript(lines);
    expect(output).toContain('vm42 has no checkpoints. `checkpoint vm42 <name>` takes one.');
    expect(output).toContain('#1 Checkpoint of vm42 ("before patching")');
    expect(output).toMatch(/✅ #1 Checkpoint "before patching" of vm42 taken at \d\d:\d\d UTC/);
    expect(output).toContain('#2 Checkpoint of vm42 (named by Hyper-V)');
    expect(output).toContain('Checkpoints: 1 already; the newest is "before patching"');
    expect(output).toMatch(/✅ #2 Checkpoint "vm42 - \(\d\d\/\d\d\/\d{4} - \d\d:\d\d:\d\d\)" of vm42/);
    expect(output).toContain('2 checkpoints of vm42');
    expect(output).toMatch(/vm42 - \(\S+ - \S+\) +\d{4}-\d\d-\d\d \d\d:\d\d +before patching/);
    expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
  });

  test('a quoted name with spaces; an unknown VM is refused with suggestions', async () => {
    const { output, result } = await runConsoleScript(['checkpoint "SQL Server 01" "pre-upgrade 2"', 'checkpoints vm24']);
    expect(output).toContain('#1 Checkpoint of SQL Server 01 ("pre-upgrade 2")');
    expect(output).toContain('No VM named vm24 on demo; did you mean vm42?');
    expect(result.refused).toEqual(['checkpoints vm24']);
  });
});
