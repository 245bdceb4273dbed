/**
 * Quoting through the whole path, read by PowerShell itself: hostile names go RemoteCluster →
 * PowerShell layer (one quoting function, encoded command or stdin) → a real pwsh (its parser
 * binds the script's parameters) → the script → a fake cluster cmdlet, and the value the cmdlet
 * receives is byte-identical to the original, or the name is refused before anything is sent.
 * And the other way: names a compromised cluster returns come back intact and are moved by name.
 */
import { jest } from '@jest/globals';
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import { startPwshCluster, type PwshCluster } from '../../support/pwsh-cluster.js';
import { contractInventory, refusal, watchToEnd } from '../contract.js';

// Each script runs in its own pwsh, as powershell.exe per command over WinRS.
jest.setTimeout(120_000);

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

interface Rig {
  started: PwshCluster;
  cluster: ReturnType<PwshCluster['remote']>;
  /** Every fake cmdlet call, with the values PowerShell bound to its parameters. */
  calls: Array<[string, Readonly<Record<string, unknown>>]>;
}

const rigs = new Map<ClusterInventory, Promise<Rig>>();

/** One cluster behind one pwsh host per inventory for the whole file (the tests change nothing that others read). */
function rig(inventory: ClusterInventory = contractInventory): Promise<Rig> {
  let found = rigs.get(inventory);
  if (!found) {
    found = (async () => {
      const calls: Rig['calls'] = [];
      const started = await startPwshCluster(inventory, { onCall: (cmdlet, parameters) => calls.push([cmdlet, parameters]), pollMs: 3000 });
      return { started, cluster: started.remote(), calls };
    })();
    rigs.set(inventory, found);
  }
  return found;
}

afterAll(async () => {
  await Promise.all([...rigs.values()].map(async (r) => (await r).started.close()));
});

describe('hostile names arrive exactly as written', () => {
  // Every name through the quoting function into one real PowerShell over WinRS (one command: each
  // operation is now a locating read plus the act, two PowerShell starts per name).
  test('every one reaches PowerShell byte for byte as a script parameter, in one command', async () => {
    const { started } = await rig();
    const names = arriving.map(([, name]) => name);
    const echoed = await started.runner.runScript(
      'param([string[]]$Names) ConvertTo-Json -InputObject @($Names | ForEach-Object { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_)) }) -Compress',
      { Names: names },
    );
    const received = (JSON.parse(echoed.stdout) as string[]).map((b64) => Buffer.from(b64, 'base64').toString('utf8'));
    expect(received).toEqual(names);
  });

  // And through the whole path of an operation, to the cluster cmdlet: the quotes, the expansions,
  // the separators, the escapes and the longest name stand for the rest.
  const throughCheckpoint = arriving.filter(([label]) => /ASCII single quote|every single quote|subexpression|backtick escapes|statement separator|argument injection|stop-parsing|CLIXML|emoji|very long/.test(label));
  test.each(throughCheckpoint)('%s: the checkpoint cmdlet receives it byte for byte', async (_label, name) => {
    const { cluster, calls } = await rig();
    calls.length = 0;
    const taken = await cluster.checkpointVm('web01', name);
    expect(taken.name).toBe(name);
    const received = calls.filter(([cmdlet]) => cmdlet === 'Checkpoint-VM').map(([, p]) => p.SnapshotName);
    expect(received).toEqual([name]);
    expect(Buffer.from(String(received[0]), 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
  });

  // A look-up that finds nothing asks every node (a PowerShell each): a quote, an expansion and the longest name stand for the rest.
  const lookedUp = arriving.filter(([label]) => /^ASCII single quote|subexpression|very long/.test(label));
  test.each(lookedUp)('%s: a VM of that name is looked for as written, and nothing moves', async (_label, name) => {
    const { cluster, calls, started } = await rig();
    calls.length = 0;
    const error = await refusal(cluster.migrateVm({ vm: name, node: 'node2', type: 'live' }), 'vm-not-found');
    expect(error.message).toBe(`no VM named "${name}" on contract`);
    expect(calls.some(([cmdlet]) => cmdlet === 'Move-ClusterVirtualMachineRole')).toBe(false);
    expect(started.simulator.stats().started).toBe(0);
  });
});

describe('hostile names a cluster returns are kept, and moved by their names', () => {
  const names = arriving.map(([, name]) => name).filter((name) => name.length <= 100 && name.trim() === name);
  const inventory: ClusterInventory = {
    name: 'hostile',
    nodes: [{ name: 'node1', memoryMB: 1024 * 1024 }, { name: 'node2', memoryMB: 1024 * 1024 }],
    vms: names.map((name) => ({ name, node: 'node1', memoryMB: 1024 })),
  };

  test('every one is listed with its name intact', async () => {
    const { cluster } = await rig(inventory);
    expect((await cluster.listVms()).map((vm) => vm.name).sort()).toEqual([...names].sort());
  });

  // A migration's watch is a dozen looks, each a PowerShell per node: the argument injection stands for the rest
  // (every name reaches PowerShell intact above, and every one is listed here).
  const moved = ["x' -Node 'node1"];
  test.each(moved.map((name) => [name]))('%s migrates, the cluster cmdlet gets its name exactly, and it is watched to the end', async (name) => {
    const { cluster, calls } = await rig(inventory);
    calls.length = 0;
    await cluster.migrateVm({ vm: name, node: 'node2', type: 'live' });
    expect(calls.filter(([cmdlet]) => cmdlet === 'Move-ClusterVirtualMachineRole').map(([, p]) => [p.Name, p.Node])).toEqual([[name, 'node2']]);
    const { outcome } = await watchToEnd(cluster, { vm: name, node: 'node2', type: 'live' }, 3000);
    expect(outcome).toMatchObject({ vm: name, source: 'node1', target: 'node2' });
    expect(await cluster.getVm(name)).toMatchObject({ ownerNode: 'node2' });
  });
});

describe('names that cannot be names are refused before any script is built', () => {
  test.each(refused)('%s', async (_label, name, reason) => {
    const { cluster, calls } = await rig();
    calls.length = 0;
    const commands = (await rig()).started.powershell.host.stats().started;
    const asVm = await refusal(cluster.migrateVm({ vm: name, node: 'node2', type: 'live' }), 'vm-not-found');
    expect(asVm.message).toMatch(reason);
    await refusal(cluster.getVm(name), 'vm-not-found');
    await refusal(cluster.watchMigration({ vm: 'web01', node: name, type: 'live' }).next(), 'node-not-found');
    const asNode = await refusal(cluster.resumeNode(name), 'node-not-found');
    expect(asNode.message).toMatch(reason);
    // An empty checkpoint name means "name it for me"; anything else that cannot be a name is refused.
    if (name !== '') await refusal(cluster.checkpointVm('web01', name), 'operation-failed');
    expect(calls).toEqual([]);
    expect((await rig()).started.powershell.host.stats().started).toBe(commands);
  });
});
