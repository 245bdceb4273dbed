/**
 * Cluster Shared Volumes and validation through the real console adapter, over WinRM on loopback
 * to the simulated cluster: the happy path and each refusal, as an operator types them.
 */
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import { runConsoleScript } from './run-console-script.js';
import { runConsoleWith } from './run-console-inventory.js';

const GiB = 1024;

/** Two nodes, one with a name too long for NetBIOS; every VM off; Volume2 redirected and without persistent reservations. */
const quiet: ClusterInventory = {
  name: 'quiet',
  nodes: [{ name: 'node1', memoryMB: 64 * GiB }, { name: 'hyperv-node-0002', memoryMB: 64 * GiB }],
  vms: [{ name: 'app01', node: 'node1', memoryMB: 4 * GiB, state: 'Off' }, { name: 'db01', node: 'hyperv-node-0002', memoryMB: 8 * GiB, state: 'Saved' }],
  volumes: [
    { name: 'Volume1', node: 'node1', sizeGB: 1024, freeGB: 500 },
    { name: 'Volume2', node: 'hyperv-node-0002', sizeGB: 1024, freeGB: 700, persistentReservations: false,
      redirected: [{ node: 'node1', access: 'BlockRedirected', reason: 'NoDiskConnectivity' }] },
  ],
};

describe('volumes', () => {
  test('shows which nodes reach a volume redirected, and why', async () => {
    const { output } = await runConsoleWith(quiet, ['volumes']);
    expect(output).toMatch(/Volume1 +node1 +Online +0.49 of 1.00 TiB +C:\\ClusterStorage\\Volume1 +direct/);
    expect(output).toContain('redirected on node1: NoDiskConnectivity (block)');
    expect(output).toContain('Redirected I/O goes over the network through the owner node.');
  });
});

describe('move volume', () => {
  test('with two approvals the volume gets its new owner, and `volumes` shows it', async () => {
    const { output, result } = await runConsoleScript(['move volume volume2 to NODE3', 'as bob: approve 1', 'as carol: approve 1', 'volumes']);
    expect(output).toContain('#1 Move Volume2 (C:\\ClusterStorage\\Volume2) from node2 to node3');
    expect(output).toContain('Needs 2 approvals');
    expect(output).toContain('Effect: I/O to Volume2 pauses on every node for a few seconds while ownership moves; VMs keep running.');
    expect(output).toMatch(/✅ #1 Volume2 is owned by node3 \(moved from node2 in 2\.0 s\)/);
    expect(output).toMatch(/Volume2 +node3 +Online/);
    expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
  });

  test.each([
    ['an unknown volume, with the nearest names', 'move volume Volume3 to node2', 'No volume named Volume3 on demo; did you mean Volume1 or Volume2?'],
    ['an unknown node', 'move csv Volume1 to node9', 'No node named node9 on demo'],
    ['the owner itself', 'move volume Volume1 to node1', 'Owner: node1 already owns Volume1 ✗'],
  ])('refuses %s', async (_label, line, words) => {
    const { output, result } = await runConsoleScript([line]);
    expect(output).toContain(words);
    expect(result.refused).toEqual([line]);
  });

  test('refuses a target that is paused or down, and creates nothing', async () => {
    const { output, result } = await runConsoleScript(['move volume Volume1 to node2', 'move volume Volume1 to node3', 'jobs'], (cluster) => {
      cluster.setNodeState('node2', 'Paused');
      cluster.setNodeState('node3', 'Down');
    });
    expect(output).toContain('Target: node2 is Paused ✗');
    expect(output).toContain('Target: node3 is Down ✗');
    expect(output).toContain('No requests or jobs yet.');
    expect(result.refused).toHaveLength(2);
  });
});

describe('validate', () => {
  test('answers at once: the result line as the cluster wrote it, counts by category, the warning, the report path', async () => {
    const { output, result } = await runConsoleScript(['as dave: validate']);
    expect(output).toContain('Validation of demo: ⚠️ warnings');
    expect(output).toContain('Test result: HadUnselectedTests, ClusterConditionallyApproved · 43 passed, 1 with warnings, 0 failed');
    expect(output).toMatch(/System Configuration +6 +1 +0/);
    expect(output).toContain('⚠ System Configuration - Validate All Drivers Signed: The test reported some warnings.\n');
    expect(output).toMatch(/Report: C:\\Windows\\Cluster\\Reports\\Validation Report \d{4}\.\d\d\.\d\d At \d\d\.\d\d\.\d\d\.htm/);
    expect(output).toContain('Persistent reservations: Volume1: Volume1 was not tested for SCSI-3 persistent reservations');
    expect(output).toContain('Storage tests were not run');
    expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
  });

  test('a node that is down fails Validate Network Communication', async () => {
    const { output } = await runConsoleScript(['validate cluster'], (cluster) => cluster.setNodeState('node3', 'Down'));
    expect(output).toContain('Validation of demo: ❌ failures');
    expect(output).toContain('✗ Network - Validate Network Communication: node3 could not be reached from the other nodes.');
    expect(output).toContain('HadUnselectedTests, ClusterNotApproved');
  });

  test('names a node too long for NetBIOS, which the wizard does not', async () => {
    const { output } = await runConsoleWith(quiet, ['validate']);
    expect(output).toContain('NetBIOS name: hyperv-node-0002: hyperv-node-0002 is 16 characters, longer than a NetBIOS name (15): Windows knows it as hyperv-node-000 there');
    expect(output).toContain('Also checked: 1 fine (node1) ✓');
  });

  test('--include storage is refused while VMs run, since the volumes go offline', async () => {
    const { output, result } = await runConsoleScript(['validate --include storage']);
    expect(output).toContain('Refused: Validate demo with the Storage tests (2 volumes go offline)');
    expect(output).toMatch(/VMs: 15 VMs are running \(vm42, .*\); shut them down or save them first, their storage goes offline ✗/);
    expect(result.refused).toEqual(['validate --include storage']);
  });

  test('--include storage with every VM off or saved needs two approvals, then names the volume without persistent reservations', async () => {
    const lines = ['validate --include storage', 'as bob: approve 1', 'as carol: approve 1'];
    const { output, result } = await runConsoleWith(quiet, lines);
    expect(output).toContain('#1 Validate demo with the Storage tests (2 volumes go offline)');
    expect(output).toContain('VMs: every VM is off or saved ✓');
    expect(output).toContain('Needs 2 approvals');
    expect(output).toContain('✗ Storage - Validate SCSI-3 Persistent Reservation: Volume2 does not support Persistent Reservation.');
    expect(output).toMatch(/❌ #1 Validation of demo with Storage: ❌ failures \(ClusterNotApproved\)/);
    expect(result.failedJobs).toEqual([1]);
  });

  test('--include takes only storage', async () => {
    const { output, result } = await runConsoleScript(['validate --include network']);
    expect(output).toContain('The include is not valid (`network`): only storage can be added; the other categories always run.');
    expect(result.refused).toHaveLength(1);
  });
});
