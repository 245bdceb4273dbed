/**
 * RemoteCluster over PSRP, in-process: RemoteCluster → createPsrpOperationRunner (each operation
 * the HyperVChatOps module's function, parameters as CLIXML) → one warm runspace pool → real
 * WS-Management (the simulator's WinRM server on loopback, NTLM, a shell on
 * http://schemas.microsoft.com/powershell/HyperVChatOps) → the simulator's PSRP endpoint, a real
 * `pwsh -s` session built from the JEA configuration
 * (RestrictedRemoteServer, NoLanguage, only the role's functions) with the fake cluster modules →
 * SimulatedCluster. The contract suite, then what only this path shows: one PowerShell for every
 * command, the same refusals as WinRS, and the faults (a pool dropped mid-command, a role without
 * a function).
 */
import { jest } from '@jest/globals';
import { readSessionFunctions } from '../../../src/cli/session-functions.js';
import { ClusterError } from '../../../src/cluster/errors.js';
import { jeaFunctions } from '../../../src/cluster/jea/function-names.js';
import { validationTiming } from '../../../src/cluster/simulator/validation-run.js';
import { defaultValidationCategories, type ValidationProgress } from '../../../src/cluster/validation.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { setTimeout as delay } from 'node:timers/promises';
import { startPsrpCluster, type PsrpCluster, type PsrpClusterOptions } from '../../support/psrp-cluster.js';
import { warmPsrpContract } from '../../support/warm-psrp-contract.js';
import { contractInventory, describeClusterContract, refusal, watchToEnd } from '../contract.js';
import { cmdletCalls, expectEachOperationOnItsNode } from './no-second-hop.js';

jest.setTimeout(180_000);

const open: PsrpCluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function rig(options: PsrpClusterOptions = {}): Promise<PsrpCluster> {
  const started = await startPsrpCluster(contractInventory, options);
  open.push(started);
  return started;
}

// One warm session for the whole contract, a fresh cluster behind it for each case.
const contract = warmPsrpContract(contractInventory, 1000);
afterAll(() => contract.close());
describeClusterContract('RemoteCluster via PSRP (JEA session, real PowerShell)', contract.setup);

/** Waits in real time (a pwsh starting on a busy machine takes seconds) until `ready` holds. */
async function until(ready: () => boolean, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; !ready(); await delay(20)) if (Date.now() > end) throw new Error(`not ready after ${ms} ms`);
}

describe('RemoteCluster via PSRP: what only this path shows', () => {
  test('every command of a migration and its watch runs in one warm session per node, each on its own listener', async () => {
    const started = await rig();
    const cluster = started.remote();
    await cluster.listVolumes();
    // Sessions are made when an operation first concerns a node: the entry alone so far.
    expect(started.sessions.endpoints()).toHaveLength(1);
    await cluster.listNodes();
    await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' });
    await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'quick' }, 500);
    const endpoints = started.sessions.endpoints();
    expect(endpoints).toEqual([started.listeners?.endpoints.node1, started.listeners?.endpoints.node2].map((url) => url?.toLowerCase()));
    expect(new Set(endpoints.map((url) => new URL(url).port)).size).toBe(2);
    expect(started.client.stats.poolsOpened).toBe(1);
    expect(started.endpointFor('node1').sessions).toBe(1);
    expect(started.endpointFor('node2').sessions).toBe(1);
    expect(started.endpointFor('node3').sessions).toBe(0);
    expect(started.powershell.service.calls().get('Move-ClusterVirtualMachineRole')).toBe(1);
  });

  test('each operation runs on the node it concerns, through the session to that node, and no script reaches another node', async () => {
    const calls = cmdletCalls();
    const started = await rig({ onCall: calls.record });
    await expectEachOperationOnItsNode(started.remote(), calls);
  });

  test('a node whose WinRM does not answer: its operations fail naming it, its reads are left out, the other nodes answer', async () => {
    const started = await rig();
    const cluster = started.remote();
    await started.listeners?.stop('node2');
    expect((await cluster.listVms()).map((vm) => vm.ownerNode)).toEqual(['node1', 'node1', 'node1']);
    expect((await cluster.listNodes()).map((n) => [n.name, n.memoryTotalMB > 0])).toEqual([['node1', true], ['node2', false], ['node3', false]]);
    const error = await refusal(cluster.startVm('arch01'), 'unreachable');
    expect(error.message).toMatch(/^node2 did not answer: /);
    expect(error.details).toMatchObject({ unreachableNode: 'node2', vm: 'arch01' });
    expect((await cluster.getVm('web01'))?.ownerNode).toBe('node1');
  });

  test('a refusal keeps its error id and message across PSRP', async () => {
    const { remote } = await rig();
    const error = await refusal(remote().migrateVm({ vm: 'nope', node: 'node2', type: 'live' }), 'vm-not-found');
    expect(error.details).toMatchObject({ vm: 'nope', script: 'migrate-vm', errorId: expect.stringMatching(/^HyperVChatOps\./) });
  });

  test('a hostile value is refused by the same rules as WinRS, before anything is sent', async () => {
    const started = await rig();
    const error = await started.remote().getVm('vm\u0007one').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(started.client.stats.poolsOpened).toBe(0);
  });

  test('a pool the server drops while a command runs: a clear unreachable error, the command not sent again, the next command on a new pool', async () => {
    const node: { rig?: PsrpCluster } = {};
    let dropped = 0;
    const started = await rig({
      onCall: (cmdlet) => {
        if (cmdlet === 'Move-ClusterVirtualMachineRole' && dropped++ === 0) node.rig?.endpoint.dropSessions();
      },
    });
    node.rig = started;
    const cluster = started.remote();
    await cluster.listNodes();
    const error = await refusal(cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' }), 'unreachable');
    expect(error.message).toMatch(/runspace pool was closed by the server .*may have run and was not sent again/);
    expect(started.powershell.service.calls().get('Move-ClusterVirtualMachineRole')).toBe(1);
    expect((await cluster.listNodes()).map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
    expect(started.client.stats.poolsOpened).toBe(2);
  });

  test('a validation tells its progress while Test-Cluster still runs: each category in turn, the percent climbing', async () => {
    const clock = createVirtualClock({ start: Date.now(), auto: false });
    const { remote } = await rig({ clock });
    const seen: ValidationProgress[] = [];
    let finished = false;
    const validation = remote().validate({ onProgress: (p) => seen.push(p) }).finally(() => (finished = true));
    // Time moves only when told: once Test-Cluster waits for its first test, let that one test finish;
    // its record must arrive while the others still wait for their time.
    await until(() => clock.pending() > 0);
    await clock.advance(validationTiming.testMs);
    await until(() => seen.length > 0);
    expect(finished).toBe(false);
    while (!finished) await clock.advance(validationTiming.testMs).then(() => delay(5));
    const report = await validation;
    expect(report.categories.map((c) => c.category)).toEqual([...defaultValidationCategories]);
    expect([...new Set(seen.map((p) => p.category))]).toEqual([...defaultValidationCategories]);
    expect(seen.map((p) => p.percent)).toEqual([...seen.map((p) => p.percent)].sort((a, b) => a - b));
    expect(seen.at(-1)?.percent).toBe(100);
  });

  test('a role that lacks a function the bot needs: the error names the function and the fix; check lists it as lacking', async () => {
    const { remote, client } = await rig({ visibleFunctions: jeaFunctions.filter((f) => f !== 'Move-ChatOpsVm') });
    const session = await readSessionFunctions(client);
    expect(session.missing).toEqual(['Move-ChatOpsVm']);
    expect(session.present).toHaveLength(jeaFunctions.length - 1);
    const cluster = remote();
    expect((await cluster.listNodes()).length).toBe(3);
    const error = await refusal(cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' }), 'operation-failed');
    expect(error.message).toMatch(/does not expose Move-ChatOpsVm, which the bot needs for migrate-vm: install the current HyperVChatOps module/);
    expect(error.details).toMatchObject({ function: 'Move-ChatOpsVm', reason: 'function-missing' });
  });

  test('the full Microsoft.PowerShell configuration runs the same functions (autoloaded from the module path)', async () => {
    const { remote } = await rig({ configurationName: 'Microsoft.PowerShell' });
    expect((await remote().getVm('web01'))?.ownerNode).toBe('node1');
  });

  test('a configuration the node does not have is refused by WinRM, as unreachable, naming the resource', async () => {
    const { remote } = await rig({ configurationName: 'NoSuchEndpoint' });
    const error = await refusal(remote().listNodes(), 'unreachable');
    expect(error.message).toMatch(/resource URI|ResourceURI|destination/i);
  });

  test('the same operations straight over the process\'s streams (out-of-process transport)', async () => {
    const { remote, listeners } = await rig({ via: 'process' });
    expect(listeners).toBeUndefined();
    expect((await remote().listVolumes()).map((v) => v.name)).toEqual(['Volume1', 'Volume2']);
  });
});
