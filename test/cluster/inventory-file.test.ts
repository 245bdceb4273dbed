import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryError } from '../../src/cluster/errors.js';
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from '../../src/cluster/simulator/inventory-file.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'inventory-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const small = () => ({
  name: 'lab',
  nodes: [{ name: 'hv-a', memoryMB: 65536 }, { name: 'hv-b', memoryMB: 65536 }],
  vms: [{ name: 'vm1', node: 'hv-a', memoryMB: 4096 }, { name: 'vm2', node: 'hv-b', memoryMB: 2048 }],
  volumes: [{ name: 'Volume1', node: 'hv-a', sizeGB: 500, freeGB: 100 }],
});

async function fileWith(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function problem(path: string): Promise<InventoryError> {
  const error = await loadInventoryFile(path).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InventoryError);
  expect((error as InventoryError).message).toContain(path);
  return error as InventoryError;
}

describe('inventory files', () => {
  test('a valid file loads with defaults filled in and stable VM ids', async () => {
    const inv = await loadInventoryFile(await fileWith('lab.json', small()));
    expect(inv.nodes[0]).toMatchObject({ name: 'hv-a', reserveMB: 8192, liveMigrationLimit: 2, state: 'Up' });
    expect(inv.vms[0]).toMatchObject({ state: 'Running', clustered: true });
    expect(inv.volumes[0]?.path).toBe('C:\\ClusterStorage\\Volume1');
    const again = await loadInventoryFile(await fileWith('lab-again.json', small()));
    expect(again.vms.map((v) => v.id)).toEqual(inv.vms.map((v) => v.id));
    expect(new Set(inv.vms.map((v) => v.id)).size).toBe(2);
    const cluster = createSimulatedCluster({ inventory: inv, clock: createVirtualClock() });
    expect(await cluster.getVm('VM1')).toMatchObject({ id: inv.vms[0]?.id, ownerNode: 'hv-a' });
  });

  test('the demo inventory round-trips through a file', async () => {
    const inv = await loadInventoryFile(await fileWith('demo.json', demoInventory));
    expect(inv.vms.find((v) => v.name === 'vm42')).toMatchObject({ node: 'node1', memoryMB: 8192 });
  });

  test('a missing file and a file that is not JSON are named', async () => {
    expect((await problem(join(dir, 'nope.json'))).issues[0]?.problem).toBe('file not found');
    expect((await problem(await fileWith('broken.json', '{"name": "lab",'))).message).toContain('not valid JSON');
  });

  test('a missing or mistyped field is named by its path', async () => {
    const noMemory = small();
    delete (noMemory.vms[1] as Partial<(typeof noMemory.vms)[number]>).memoryMB;
    expect((await problem(await fileWith('no-memory.json', noMemory))).field).toBe('vms[1].memoryMB');
    const text = await problem(await fileWith('text.json', { ...small(), nodes: [{ name: 'hv-a', memoryMB: '64 GB' }] }));
    expect(text.field).toBe('nodes[0].memoryMB');
    expect(text.message).toContain('nodes[0].memoryMB');
    const guid = await problem(await fileWith('guid.json', { ...small(), vms: [{ name: 'vm1', node: 'hv-a', memoryMB: 1024, id: 'vm-one' }] }));
    expect(guid.field).toBe('vms[0].id');
  });

  test('a VM or volume on an unknown node is refused, naming the node', async () => {
    const inv = small();
    inv.vms[1]!.node = 'hv-c';
    const error = await problem(await fileWith('unknown-node.json', inv));
    expect(error.field).toBe('vms[1].node');
    expect(error.message).toContain('no node named "hv-c"');
    const vol = small();
    vol.volumes[0]!.node = 'hv-z';
    expect((await problem(await fileWith('unknown-volume-node.json', vol))).field).toBe('volumes[0].node');
  });

  test('names that differ only in case are duplicates', async () => {
    const inv = small();
    inv.vms[1]!.name = 'VM1';
    const error = await problem(await fileWith('duplicate.json', inv));
    expect(error.field).toBe('vms[1].name');
    expect(error.message).toContain('duplicate name "VM1"');
    const nodes = small();
    nodes.nodes[1]!.name = 'HV-A';
    expect((await problem(await fileWith('duplicate-node.json', nodes))).field).toBe('nodes[1].name');
  });

  test('a node with more VM memory than it has is refused', async () => {
    const inv = small();
    inv.vms.push({ name: 'huge', node: 'hv-a', memoryMB: 60000 });
    expect((await problem(await fileWith('overcommitted.json', inv))).field).toBe('nodes[0].memoryMB');
  });

  test('a cluster built from a bad inventory in code fails the same way', () => {
    const inv = small();
    inv.vms[0]!.node = 'nowhere';
    expect(() => createSimulatedCluster({ inventory: inv, clock: createVirtualClock() }))
      .toThrow(expect.objectContaining({ code: 'invalid-inventory', field: 'vms[0].node', source: 'inventory "lab"' }));
  });
});
