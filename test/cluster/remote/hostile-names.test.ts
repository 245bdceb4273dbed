/**
 * Quoting through the whole path: hostile VM and node names go RemoteCluster → PowerShell layer
 * (one quoting function, encoded command or stdin) → script host (PowerShell's literal rules) and
 * arrive as exactly the original string, or are refused before anything is sent. None changes
 * which script runs or what it does.
 */
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createLocalCommandRunner, createScriptHost, type HostedScript } from '../../../src/cluster/simulator/script-host/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { clusterScript, clusterScriptHelpers } from '../../../src/cluster/scripts/index.js';
import { buildScriptInvocation, createPowerShellRunner, maxInlineScriptLength } from '../../../src/remoting/powershell/index.js';
import { contractInventory, refusal, watchToEnd } from '../contract.js';

/** Names that must arrive intact: every quote PowerShell knows, expansion, escapes, separators, XML and CLIXML look-alikes. */
const arriving: readonly [string, string][] = [
  ['ASCII single quote', "vm'42"],
  ['quote first and last', "'vm42'"],
  ['two quotes', "vm''42"],
  ['left single quotation mark U+2018', 'vm\u201842'],
  ['right single quotation mark U+2019', 'vm\u201942'],
  ['low-9 quotation mark U+201A', 'vm\u201A42'],
  ['reversed-9 quotation mark U+201B', 'vm\u201B42'],
  ['every single quote in a row', "'\u2018\u2019\u201A\u201B'"],
  ['double quotes of every kind', 'vm"42\u201C\u201D\u201E'],
  ['subexpression', '$(Stop-Computer -Force)'],
  ['variable', '$env:COMPUTERNAME'],
  ['braced variable', '${function:Remove-VM}'],
  ['backtick escapes', 'vm`n`0`"`\''],
  ['trailing backtick', 'vm`'],
  ['statement separator', "vm'; Stop-Computer -Force; '"],
  ['pipeline', 'vm | Remove-VM -Force'],
  ['call operator and ampersand', '& calc.exe && whoami'],
  ['comment', 'vm # -Node node1'],
  ['argument injection', "x' -Node 'node1"],
  ['stop-parsing token', '--% -Force'],
  ['array and hashtable syntax', '@(1,2) @{a=1}'],
  ['redirection', 'vm > C:\\Windows\\win.ini 2>&1'],
  ['XML special characters', '<vm attr="1">&amp;</vm>]]>'],
  ['CLIXML escape look-alike', '_x000A_vm_x0027__x005F_'],
  ['non-Latin', 'ノード1 сервер'],
  ['emoji (surrogate pair)', 'vm🚀42'],
  ['right-to-left override and zero-width space', '\u202Evm\u200B42'],
  ['spaces inside and around', '  SQL   Server  '],
  ['very long (the 1024-character limit)', `${"'".repeat(8)}${'v'.repeat(1008)}${'$('.repeat(4)}`],
];

/** Names that cannot be names, refused with the reason before any script is built. */
const refused: readonly [string, string, RegExp][] = [
  ['newline', 'vm\n42', /control character U\+000A at position 2/],
  ['carriage return', 'vm42\r', /control character U\+000D at position 4/],
  ['NUL', 'vm\u000042', /control character U\+0000 at position 2/],
  ['escape sequence', 'vm\u001b[31m', /control character U\+001B/],
  ['next line U+0085', 'vm\u0085', /control character U\+0085/],
  ['line separator U+2028', 'vm\u2028', /control character U\+2028/],
  ['unpaired surrogate', 'vm\uD800', /unpaired surrogate U\+D800 at position 2/],
  ['over the length limit', 'v'.repeat(1025), /1025 characters long \(at most 1024\)/],
  ['empty', '', /cannot be empty/],
  ['blank', '   ', /cannot be empty/],
];

/** Whether get-vm, with its helpers and this name, fits on the command line as an encoded command. */
function fitsInline(name: string): boolean {
  return buildScriptInvocation(clusterScript('get-vm'), { Name: name }, clusterScriptHelpers('get-vm')).length <= maxInlineScriptLength();
}

function rig(inventory: ClusterInventory = contractInventory) {
  const clock = createVirtualClock();
  const simulator = createSimulatedCluster({ inventory, clock });
  const ran: HostedScript[] = [];
  const host = createScriptHost(simulator, { clock, onScript: (run) => ran.push(run) });
  const cluster = createRemoteCluster({ name: 'contract', powershell: createPowerShellRunner(createLocalCommandRunner(host)), clock });
  return { simulator, cluster, ran };
}

describe('hostile names arrive exactly as written', () => {
  test.each(arriving)('%s, as a VM name to migrate (script on stdin)', async (_label, name) => {
    const { cluster, simulator, ran } = rig();
    const error = await refusal(cluster.migrateVm({ vm: name, node: 'node2', type: 'live' }), 'vm-not-found');
    expect(error.message).toBe(`no VM named "${name}" on contract`);
    expect(ran).toEqual([{ script: 'migrate-vm', args: { Vm: name, Node: 'node2', MigrationType: 'Live' }, via: 'stdin' }]);
    expect(simulator.stats().started).toBe(0);
  });

  test.each(arriving)('%s, as a VM name to look up (inline encoded command when it fits)', async (_label, name) => {
    const { cluster, ran } = rig();
    expect(await cluster.getVm(name)).toBeUndefined();
    expect(ran).toHaveLength(1);
    expect(ran[0]?.script).toBe('get-vm');
    expect(ran[0]?.args).toEqual({ Name: name });
    expect(ran[0]?.via).toBe(fitsInline(name) ? 'encoded-command' : 'stdin');
  });

  test('all but the longest of those names go inline', () => {
    expect(arriving.filter(([, name]) => !fitsInline(name)).map(([label]) => label)).toEqual(['very long (the 1024-character limit)']);
  });

  test.each(arriving)('%s, as a node name to pause', async (_label, name) => {
    const { cluster, simulator, ran } = rig();
    const error = await refusal(cluster.pauseNode(name), 'node-not-found');
    expect(error.message).toBe(`no node named "${name}" on contract`);
    expect(ran.map((r) => [r.script, r.args])).toEqual([['pause-node', { Node: name }]]);
    expect((await simulator.listNodes()).map((n) => n.state)).toEqual(['Up', 'Up', 'Down']);
  });
});

describe('hostile names that are real VMs are found and moved', () => {
  const names = arriving.map(([, name]) => name).filter((name) => name.length <= 100 && name.trim() === name);
  const inventory: ClusterInventory = {
    name: 'hostile',
    nodes: [{ name: 'node1', memoryMB: 1024 * 1024 }, { name: 'node2', memoryMB: 1024 * 1024 }],
    vms: names.map((name) => ({ name, node: 'node1', memoryMB: 1024 })),
  };

  test('every one is listed with its name intact', async () => {
    const { cluster } = rig(inventory);
    expect((await cluster.listVms()).map((vm) => vm.name).sort()).toEqual([...names].sort());
  });

  test.each(names.map((name) => [name]))('%s migrates and is watched to the end', async (name) => {
    const { cluster } = rig(inventory);
    expect(await cluster.getVm(name)).toMatchObject({ name, ownerNode: 'node1' });
    await cluster.migrateVm({ vm: name, node: 'node2', type: 'live' });
    const { outcome } = await watchToEnd(cluster, { vm: name, node: 'node2', type: 'live' });
    expect(outcome).toMatchObject({ vm: name, source: 'node1', target: 'node2' });
    expect(await cluster.getVm(name)).toMatchObject({ ownerNode: 'node2' });
  });
});

describe('names that cannot be names are refused before any script is built', () => {
  test.each(refused)('%s', async (_label, name, reason) => {
    const { cluster, ran } = rig();
    const asVm = await refusal(cluster.migrateVm({ vm: name, node: 'node2', type: 'live' }), 'vm-not-found');
    expect(asVm.message).toMatch(reason);
    await refusal(cluster.getVm(name), 'vm-not-found');
    await refusal(cluster.watchMigration({ vm: 'web01', node: name, type: 'live' }).next(), 'node-not-found');
    const asNode = await refusal(cluster.resumeNode(name), 'node-not-found');
    expect(asNode.message).toMatch(reason);
    expect(ran).toEqual([]);
  });
});
