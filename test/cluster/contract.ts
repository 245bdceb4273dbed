/**
 * @module cluster-contract: the behaviour every Cluster implementation must show, as one jest
 * describe block. Each test gets a fresh cluster built on `contractInventory`.
 */
import type { Clock } from '../../src/cluster/clock.js';
import type { Cluster, MigrationOutcome, MigrationPhase, MigrationProgress, MigrationRequest } from '../../src/cluster/cluster.js';
import { ClusterError, type ClusterErrorCode } from '../../src/cluster/errors.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import type { FailureInjection } from '../../src/cluster/simulator/failure-injection.js';
import { describeAdminContract } from './contract-admin.js';

const GiB = 1024;

/**
 * node1 and node2 Up (60 GiB usable each; node2 migrates with SMB, 4 at a time), node3 Down; seven
 * VMs (pinned01, off, may only run on node2 and node3); two volumes (Volume1 redirected on node2, Volume2's
 * storage without persistent reservations).
 */
export const contractInventory: ClusterInventory = {
  name: 'contract',
  nodes: [
    { name: 'node1', memoryMB: 64 * GiB, reserveMB: 4 * GiB },
    { name: 'node2', memoryMB: 64 * GiB, reserveMB: 4 * GiB, liveMigrationLimit: 4, migrationPerformance: 'SMB' },
    { name: 'node3', memoryMB: 64 * GiB, reserveMB: 4 * GiB, state: 'Down' },
  ],
  vms: [
    { name: 'web01', node: 'node1', memoryMB: 4 * GiB, dirtyMBps: 40 },
    { name: 'app01', node: 'node1', memoryMB: 8 * GiB, dirtyMBps: 100 },
    { name: 'SQL Server 01', node: 'node1', memoryMB: 16 * GiB, dirtyMBps: 200 },
    { name: 'big01', node: 'node2', memoryMB: 40 * GiB, dirtyMBps: 60 },
    { name: 'dev01', node: 'node2', memoryMB: 2 * GiB, clustered: false },
    { name: 'arch01', node: 'node2', memoryMB: 4 * GiB, state: 'Off' },
    { name: 'pinned01', node: 'node2', memoryMB: 2 * GiB, state: 'Off', possibleOwners: ['node2', 'node3'] },
  ],
  volumes: [
    { name: 'Volume1', node: 'node1', sizeGB: 1024, freeGB: 400, redirected: [{ node: 'node2', reason: 'UserRequest' }] },
    { name: 'Volume2', node: 'node2', sizeGB: 2048, freeGB: 1500, persistentReservations: false },
  ],
};

export interface ContractSetup {
  cluster: Cluster;
  clock: Clock;
  /** Arms a failure on the simulated cluster behind `cluster` (both implementations run on one). */
  inject: (failure: FailureInjection) => void;
  teardown?: () => Promise<void>;
  /**
   * How often the suite's watches look (clock time; default 200 ms). A cluster whose every look
   * starts a PowerShell takes a longer interval, so that a watch costs a handful of looks.
   */
  pollMs?: number;
}

let suitePollMs = 200;

/** Called with each test's setup (both halves of the suite): its watches use the setup's interval. */
export function useSetupPollMs(setup: ContractSetup): ContractSetup {
  suitePollMs = setup.pollMs ?? 200;
  return setup;
}

export interface Watched {
  progress: MigrationProgress[];
  outcome: MigrationOutcome;
}

/** Drains a watch: every progress it yielded and the outcome it returned. */
export async function watchToEnd(cluster: Cluster, request: MigrationRequest, pollMs = suitePollMs): Promise<Watched> {
  const watch = cluster.watchMigration(request, { pollMs });
  const progress: MigrationProgress[] = [];
  for (;;) {
    const step = await watch.next();
    if (step.done) return { progress, outcome: step.value };
    progress.push(step.value);
  }
}

/** Resolves to the ClusterError the promise rejected with, after checking its code. */
export async function refusal(promise: Promise<unknown>, code: ClusterErrorCode): Promise<ClusterError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClusterError);
  expect((error as ClusterError).code).toBe(code);
  return error as ClusterError;
}

const phaseRank: Record<MigrationPhase, number> = { starting: 0, 'memory-copy': 1, blackout: 2, saving: 1, moving: 2, restoring: 3, done: 4 };

export function expectMonotonic(progress: MigrationProgress[]): void {
  for (let i = 1; i < progress.length; i++) {
    const [a, b] = [progress[i - 1]!, progress[i]!];
    expect(b.percent).toBeGreaterThanOrEqual(a.percent);
    expect(phaseRank[b.phase]).toBeGreaterThanOrEqual(phaseRank[a.phase]);
    if (a.phase === 'memory-copy' && b.phase === 'memory-copy') expect(b.pass ?? 1).toBeGreaterThanOrEqual(a.pass ?? 1);
  }
}

let sampled: Set<string> | undefined;

/**
 * One case of the contract: defined when the suite runs the whole contract, or when its name is in
 * the suite's sample.
 */
export function contractCase(name: string, fn: () => Promise<void>): void {
  if (sampled && !sampled.delete(name)) return;
  test(name, fn);
}

export interface ContractOptions {
  /**
   * The names of the cases to run instead of all of them: for a path where every look costs a
   * process start, a sample that still runs each script and each way a failure comes back. A name
   * that matches no case is an error, so a renamed case cannot drop out of the sample unseen.
   */
  sample?: readonly string[];
}

export function describeClusterContract(label: string, setup: () => Promise<ContractSetup>, options: ContractOptions = {}): void {
  sampled = options.sample ? new Set(options.sample) : undefined;
  try {
    defineClusterContract(label, setup);
    if (sampled?.size) throw new Error(`the contract has no case named ${[...sampled].map((n) => `'${n}'`).join(', ')}`);
  } finally {
    sampled = undefined;
  }
}

function defineClusterContract(label: string, setup: () => Promise<ContractSetup>): void {
  describe(`Cluster contract: ${label}`, () => {
    let cluster: Cluster;
    let teardown: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ cluster, teardown } = useSetupPollMs(await setup()));
    });
    afterEach(async () => teardown?.());

    const ownerOf = async (vm: string) => (await cluster.getVm(vm))?.ownerNode;
    const freeOn = async (node: string) => (await cluster.listNodes()).find((n) => n.name === node)?.memoryFreeMB;

    describe('reads', () => {
      contractCase('lists the nodes with their state and memory', async () => {
        const nodes = await cluster.listNodes();
        expect(nodes.map((n) => [n.name, n.state])).toEqual([['node1', 'Up'], ['node2', 'Up'], ['node3', 'Down']]);
        const node1 = nodes[0]!;
        expect(node1.memoryTotalMB).toBe(64 * GiB);
        expect(node1.memoryFreeMB).toBe(60 * GiB - 28 * GiB);
        expect(node1.liveMigrationLimit).toBeGreaterThanOrEqual(1);
      });

      contractCase('lists every VM with a GUID and its owner node', async () => {
        const vms = await cluster.listVms();
        expect(vms.map((v) => v.name).sort()).toEqual(['SQL Server 01', 'app01', 'arch01', 'big01', 'dev01', 'pinned01', 'web01'].sort());
        for (const vm of vms) expect(vm.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
        expect(vms.find((v) => v.name === 'arch01')).toMatchObject({ state: 'Off', ownerNode: 'node2' });
        expect(vms.find((v) => v.name === 'dev01')?.clustered).toBe(false);
      });

      contractCase('filters VMs by node, whatever the case of the name', async () => {
        const onNode2 = await cluster.listVms({ node: 'NODE2' });
        expect(onNode2.map((v) => v.name).sort()).toEqual(['arch01', 'big01', 'dev01', 'pinned01']);
      });

      contractCase('finds a VM by name ignoring case, and answers undefined for an unknown one', async () => {
        expect(await cluster.getVm('sql server 01')).toMatchObject({ name: 'SQL Server 01', ownerNode: 'node1', memoryMB: 16 * GiB, state: 'Running' });
        expect(await cluster.getVm('vm24')).toBeUndefined();
      });

      contractCase('lists the shared volumes with owner and path', async () => {
        const volumes = await cluster.listVolumes();
        expect(volumes.map((v) => [v.name, v.ownerNode, v.state, v.path])).toEqual([
          ['Volume1', 'node1', 'Online', 'C:\\ClusterStorage\\Volume1'],
          ['Volume2', 'node2', 'Online', 'C:\\ClusterStorage\\Volume2'],
        ]);
      });
    });

    describe('migration', () => {
      contractCase('a live migration runs to completion and moves the VM and its memory', async () => {
        const [free1, free2] = [await freeOn('node1'), await freeOn('node2')];
        await cluster.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
        const { progress, outcome } = await watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'live' });
        expect(progress.some((p) => p.phase === 'memory-copy')).toBe(true);
        expect(progress[progress.length - 1]).toMatchObject({ phase: 'done', percent: 100 });
        expectMonotonic(progress);
        expect(outcome).toMatchObject({ vm: 'app01', source: 'node1', target: 'node2', type: 'live' });
        expect(outcome.durationMs).toBeGreaterThan(0);
        expect(outcome.downtimeMs).toBeGreaterThan(0);
        expect(outcome.downtimeMs).toBeLessThan(outcome.durationMs);
        expect(await ownerOf('app01')).toBe('node2');
        expect(await freeOn('node1')).toBe(free1! + 8 * GiB);
        expect(await freeOn('node2')).toBe(free2! - 8 * GiB);
      });

      contractCase('names in a request match whatever their case; the outcome uses the cluster\'s names', async () => {
        await cluster.migrateVm({ vm: 'sql SERVER 01', node: 'Node2', type: 'live' });
        const { outcome } = await watchToEnd(cluster, { vm: 'SQL server 01', node: 'NODE2', type: 'live' });
        expect(outcome).toMatchObject({ vm: 'SQL Server 01', source: 'node1', target: 'node2' });
      });

      contractCase('a quick migration saves, moves and restores; the guest is down for part or all of it', async () => {
        await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' });
        const { progress, outcome } = await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'quick' });
        expectMonotonic(progress);
        expect(progress.some((p) => p.phase === 'memory-copy')).toBe(false);
        expect(outcome).toMatchObject({ vm: 'web01', target: 'node2', type: 'quick' });
        expect(outcome.downtimeMs).toBeGreaterThan(0);
        expect(outcome.downtimeMs).toBeLessThanOrEqual(outcome.durationMs);
        expect(await cluster.getVm('web01')).toMatchObject({ ownerNode: 'node2', state: 'Running' });
      });

      contractCase('a quick migration of a VM that is off moves it and leaves it off', async () => {
        await cluster.migrateVm({ vm: 'arch01', node: 'node1', type: 'quick' });
        await watchToEnd(cluster, { vm: 'arch01', node: 'node1', type: 'quick' });
        expect(await cluster.getVm('arch01')).toMatchObject({ ownerNode: 'node1', state: 'Off' });
      });

      contractCase('watching a migration that already finished returns its outcome at once', async () => {
        await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' });
        const first = await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'live' });
        const again = await cluster.watchMigration({ vm: 'web01', node: 'node2', type: 'live' }).next();
        expect(again).toEqual({ done: true, value: first.outcome });
      });

      contractCase('a watch stops when its signal aborts; the migration goes on', async () => {
        const request: MigrationRequest = { vm: 'app01', node: 'node2', type: 'live' };
        await cluster.migrateVm(request);
        const abort = new AbortController();
        const watch = cluster.watchMigration(request, { pollMs: 100, signal: abort.signal });
        expect((await watch.next()).done).toBe(false);
        abort.abort(new Error('chat thread closed'));
        await expect(watch.next()).rejects.toThrow('chat thread closed');
        expect((await watchToEnd(cluster, request)).outcome.target).toBe('node2');
      });
    });

    describe('refusals', () => {
      const migrate = (vm: string, node: string) => cluster.migrateVm({ vm, node, type: 'live' });

      contractCase('an unknown VM', async () => {
        await refusal(migrate('vm24', 'node2'), 'vm-not-found');
      });

      contractCase('an unknown node', async () => {
        await refusal(migrate('app01', 'node9'), 'node-not-found');
      });

      contractCase('a target that is down, and one that is paused, each named in the message', async () => {
        expect((await refusal(migrate('app01', 'node3'), 'node-not-up')).message).toMatch(/node3.*down/);
        await cluster.pauseNode('node2');
        expect((await refusal(migrate('app01', 'node2'), 'node-not-up')).message).toMatch(/node2.*paused/);
        expect(await ownerOf('app01')).toBe('node1');
      });

      contractCase('a VM that is already on the target', async () => {
        await refusal(migrate('web01', 'NODE1'), 'already-there');
      });

      contractCase('a target without enough free memory', async () => {
        const error = await refusal(migrate('big01', 'node1'), 'not-enough-memory');
        expect(error.message).toContain('node1');
        expect(await ownerOf('big01')).toBe('node2');
      });

      contractCase('a VM that is not clustered', async () => {
        await refusal(migrate('dev01', 'node1'), 'not-clustered');
      });

      contractCase('a VM that is already migrating', async () => {
        await migrate('app01', 'node2');
        await refusal(migrate('APP01', 'node2'), 'busy');
        await watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'live' });
      });

      contractCase('watching a VM that is not migrating, or that does not exist', async () => {
        await refusal(cluster.watchMigration({ vm: 'web01', node: 'node2', type: 'live' }).next(), 'no-migration-running');
        await refusal(cluster.watchMigration({ vm: 'vm24', node: 'node2', type: 'live' }).next(), 'vm-not-found');
      });
    });

    describe('cancel', () => {
      contractCase('cancelling a live migration keeps the VM running on its source and frees the target', async () => {
        const free2 = await freeOn('node2');
        await cluster.migrateVm({ vm: 'SQL Server 01', node: 'node2', type: 'live' });
        expect(await freeOn('node2')).toBe(free2! - 16 * GiB);
        await cluster.cancelMigration('sql server 01');
        await refusal(watchToEnd(cluster, { vm: 'SQL Server 01', node: 'node2', type: 'live' }), 'migration-cancelled');
        expect(await cluster.getVm('SQL Server 01')).toMatchObject({ ownerNode: 'node1', state: 'Running' });
        expect(await freeOn('node2')).toBe(free2);
      });

      contractCase('cancelling when nothing is migrating is refused', async () => {
        await refusal(cluster.cancelMigration('web01'), 'no-migration-running');
      });
    });

    describe('pause and resume', () => {
      contractCase('a paused node shows Paused and comes back Up on resume', async () => {
        await cluster.pauseNode('NODE2');
        expect((await cluster.listNodes()).find((n) => n.name === 'node2')?.state).toBe('Paused');
        await cluster.resumeNode('node2');
        expect((await cluster.listNodes()).find((n) => n.name === 'node2')?.state).toBe('Up');
      });

      contractCase('a node that is down can be neither paused nor resumed', async () => {
        await refusal(cluster.pauseNode('node3'), 'node-not-up');
        await refusal(cluster.resumeNode('node3'), 'node-not-up');
        await refusal(cluster.pauseNode('node9'), 'node-not-found');
      });

      contractCase('resume with immediate failback brings back the VMs that left while paused', async () => {
        await cluster.pauseNode('node1');
        await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' });
        await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'live' });
        await cluster.resumeNode('node1', { failback: 'immediate' });
        const { outcome } = await watchToEnd(cluster, { vm: 'web01', node: 'node1', type: 'live' });
        expect(outcome).toMatchObject({ source: 'node2', target: 'node1' });
        expect(await ownerOf('web01')).toBe('node1');
      });

      contractCase('resume without failback leaves the VMs where they went', async () => {
        await cluster.pauseNode('node1');
        await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' });
        await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'live' });
        await cluster.resumeNode('node1', { failback: 'none' });
        expect(await ownerOf('web01')).toBe('node2');
        await refusal(cluster.watchMigration({ vm: 'web01', node: 'node1', type: 'live' }).next(), 'no-migration-running');
      });
    });
  });

  describeAdminContract(label, setup);
}

/** A sample of the contract that runs every cluster script at least once (for the slower paths: WinRS, Kerberos). */
export const oneCasePerScript: readonly string[] = [
  'lists the nodes with their state and memory', // list-nodes
  'lists every VM with a GUID and its owner node', // list-vms
  'finds a VM by name ignoring case, and answers undefined for an unknown one', // get-vm
  'lists the shared volumes with owner and path', // list-volumes
  'cancelling a live migration keeps the VM running on its source and frees the target', // cancel-migration, watch-migration
  'a paused node shows Paused and comes back Up on resume', // pause-node, resume-node
  'a volume moves to another node, whatever the case of the names', // move-volume
  'without Storage: five categories, the failing test in the cluster\'s words, the report, and the checks the wizard misses', // validate-cluster
  'a saved VM can be turned off, which drops its saved state', // set-vm-power
  'named and Hyper-V-named checkpoints, each on top of the last, listed oldest first', // checkpoint-vm, list-checkpoints
  'a quiet cluster has none', // list-events
];
