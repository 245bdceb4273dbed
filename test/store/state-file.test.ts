/** The state file: refused when corrupt, never overwritten then, backed up when good, written whole or not at all. */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateFileError } from '../../src/store/durable-json-file.js';
import { createFileStore, openFileStore } from '../../src/store/low-store.js';
import type { OperationRequest } from '../../src/core/requests.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-state-'));
  file = join(dir, 'state.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const request = (id: number, over: Partial<OperationRequest> = {}): OperationRequest => ({
  id,
  cluster: 'demo',
  command: 'migrate',
  args: { vm: 'vm42', node: 'node2', type: 'live' },
  text: 'migrate vm42 to node2',
  risk: 'change',
  summary: 'Live migration of vm42',
  facts: [],
  holds: ['vm:vm42'],
  requester: { platform: 'slack', id: 'U1', name: 'alice' },
  where: { platform: 'slack', conversation: 'C1' },
  state: 'pending',
  requiredApprovals: 1,
  approvals: [],
  createdAt: 1_000,
  expiresAt: 1_801_000,
  ...over,
});

async function goodFile() {
  const store = createFileStore(file);
  await store.nextRequestId();
  await store.insert(request(1));
}

test.each([
  ['not JSON at all', '{"version":1,"nextRequestId":2,"requests":[{"id":1', 'not-json'],
  ['empty (truncated to nothing)', '', 'not-json'],
  ['JSON of another shape', '{"hello":"world"}', 'invalid'],
  ['a request in a state that does not exist', JSON.stringify({ version: 1, nextRequestId: 2, requests: [{ ...request(1), state: 'bogus' }] }), 'invalid'],
  ['the same id twice', JSON.stringify({ version: 1, nextRequestId: 3, requests: [request(1), request(1)] }), 'invalid'],
  ['an id the counter would hand out again', JSON.stringify({ version: 1, nextRequestId: 1, requests: [request(1)] }), 'invalid'],
])('a state file that is %s stops the store with the file and the problem named, and is left untouched', async (_what, content, problem) => {
  await writeFile(file, content);
  const error = await openFileStore(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StateFileError);
  expect(error).toMatchObject({ file, problem });
  expect((error as Error).message).toContain(file);
  expect(await readFile(file, 'utf8')).toBe(content);
  expect((await readdir(dir)).filter((n) => n.endsWith('.bak'))).toEqual([]);
});

test('the field at fault is named', async () => {
  await writeFile(file, JSON.stringify({ version: 1, nextRequestId: 2, requests: [{ ...request(1), requester: { id: 'U1' } }] }));
  await expect(openFileStore(file)).rejects.toThrow(/requests\.0\.requester\.platform/);
});

test('a good file is backed up on open, and only the newest five backups are kept', async () => {
  await goodFile();
  for (let i = 0; i < 7; i++) {
    const store = createFileStore(file, {});
    await store.list();
    await new Promise((r) => setTimeout(r, 2));
  }
  const backups = (await readdir(dir)).filter((n) => n.endsWith('.bak'));
  expect(backups).toHaveLength(5);
  const newest = backups.sort().at(-1)!;
  expect(JSON.parse(await readFile(join(dir, newest), 'utf8'))).toMatchObject({ nextRequestId: 2, requests: [{ id: 1 }] });
});

test('a write leaves no temporary file and the whole document on disk; a stale temporary file from a crash is ignored', async () => {
  await writeFile(join(dir, '.state.json.tmp'), '{"torn');
  await goodFile();
  const store = await openFileStore(file);
  await store.insert(request(2, { state: 'running' }));
  expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  expect(JSON.parse(await readFile(file, 'utf8')).requests.map((r: OperationRequest) => r.id)).toEqual([1, 2]);
});

test('decided requests and finished jobs older than the archive age leave the live state; active ones stay whatever their age', async () => {
  let now = 10 * 86_400_000;
  const store = await openFileStore(file, { archiveAfterMs: 7 * 86_400_000, now: () => now });
  const day = 86_400_000;
  for (let i = 0; i < 4; i++) await store.nextRequestId();
  await store.insert(request(1, { state: 'succeeded', job: { startedAt: day, finishedAt: 2 * day, percent: 100, phase: 'done' } }));
  await store.insert(request(2, { state: 'denied', denial: { actor: { platform: 'slack', id: 'U2', name: 'bob' }, at: 9 * day } }));
  await store.insert(request(3, { state: 'pending', createdAt: day, expiresAt: day + 1 }));
  await store.insert(request(4, { state: 'running', job: { startedAt: day, percent: 10, phase: 'memory copy' } }));
  now += 1;
  await store.update(4, (r) => r);
  expect((await store.list()).map((r) => r.id)).toEqual([2, 3, 4]);
  expect(JSON.parse(await readFile(file, 'utf8')).requests.map((r: OperationRequest) => r.id)).toEqual([2, 3, 4]);
});
