/**
 * The error boundary: an unexpected exception is logged with a correlation id and the person
 * sees a short line with that id, never the exception's text. Errors written for people
 * (cluster refusals) are shown as written. A chat outage never breaks a job.
 */
import { z } from 'zod';
import { commands } from '../../commands/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { ClusterError } from '../../src/cluster/errors.js';
import type { SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import type { ReadCommandSpec } from '../../src/core/command-spec.js';
import type { Store } from '../../src/core/store.js';
import { createMemoryStore } from '../../src/store/low-store.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const SECRET = 'ECONNRESET 10.1.2.3:5986 user=CONTOSO\\svc-hyperv password=hunter2';
const REF = /^Something went wrong on my side \(ref ([0-9a-f]{8})\); the details are in the bot's log\.$/;

function failing(method: keyof Cluster, error: () => unknown) {
  return (sim: SimulatedCluster): Cluster => ({
    ...sim,
    [method]: async () => {
      throw error();
    },
  });
}

function loggedWith(h: BotHarness, id: string) {
  return h.logger.entries.filter((e) => e.level === 'error' && e.fields.correlationId === id);
}

describe('an unexpected exception in a command', () => {
  test('the user sees a short line with a correlation id; the log has the error under that id', async () => {
    const h = await createBotHarness({ decorate: failing('listVms', () => new Error(SECRET)) });
    const result = await h.say('dave', 'vms');
    expect(result).toEqual({ accepted: false });
    const answer = h.lastAnswerTo('dave');
    const match = REF.exec(answer);
    expect(match).not.toBeNull();
    expect(h.chat.log.map((s) => s.message.text).join('\n')).not.toContain('hunter2');
    const logged = loggedWith(h, match![1]!);
    expect(logged).toHaveLength(1);
    expect((logged[0]!.fields.err as Error).message).toBe(SECRET);
    expect(logged[0]!.fields).toMatchObject({ user: 'dave', platform: 'test' });
  });

  test('each failure gets its own id', async () => {
    const h = await createBotHarness({ decorate: failing('listVms', () => new Error(SECRET)) });
    await h.say('dave', 'vms');
    const first = REF.exec(h.lastAnswerTo('dave'))![1];
    await h.say('dave', 'nodes');
    const second = REF.exec(h.lastAnswerTo('dave'))![1];
    expect(first).not.toBe(second);
  });

  test('a thrown non-Error (a string, undefined) is handled the same way', async () => {
    for (const thrown of ['raw string with hunter2', undefined]) {
      const h = await createBotHarness({ decorate: failing('listNodes', () => thrown) });
      expect((await h.say('alice', 'nodes')).accepted).toBe(false);
      expect(h.lastAnswerTo('alice')).toMatch(REF);
    }
  });

  test('a bug in a command spec (a TypeError) is caught at the boundary too', async () => {
    const broken: ReadCommandSpec<Record<string, never>> = {
      name: 'broken', summary: 'always fails', patterns: [{ pattern: 'broken' }], args: z.object({}), risk: 'read', examples: ['broken'],
      answer: async () => (undefined as unknown as { x: { y: string } }).x.y as never,
    };
    const h = await createBotHarness({ specs: [...commands, broken] });
    expect((await h.say('dave', 'broken')).accepted).toBe(false);
    const id = REF.exec(h.lastAnswerTo('dave'))![1]!;
    expect(loggedWith(h, id)[0]!.fields.err).toBeInstanceOf(TypeError);
  });

  test('a failing preflight creates no request', async () => {
    const h = await createBotHarness({ decorate: failing('listNodes', () => new Error(SECRET)) });
    expect((await h.say('alice', 'drain node1')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toMatch(REF);
    expect(await h.store.list()).toEqual([]);
  });

  test('an error written for people (a ClusterError) is shown as written', async () => {
    const h = await createBotHarness({ decorate: failing('listVms', () => new ClusterError('unreachable', 'node1 does not answer on WinRM (timed out after 30 s)')) });
    await h.say('dave', 'vms');
    expect(h.lastAnswerTo('dave')).toBe('node1 does not answer on WinRM (timed out after 30 s)');
    expect(h.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

describe('an unexpected exception in a job', () => {
  test('fails the job with a correlation id in the thread and the channel, never the text', async () => {
    const h = await createBotHarness({ decorate: failing('migrateVm', () => new Error(SECRET)) });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    await h.click('bob', 'approve', id);
    await h.idle();
    const r = await h.request(id);
    expect(r.state).toBe('failed');
    const ref = /\(ref ([0-9a-f]{8})\)/.exec(r.job!.summary!)![1]!;
    const notice = h.chat.threadOf(r.cardRef!).at(-1)!;
    expect(notice.replyOptions?.broadcast).toBe(true);
    expect(notice.message.text).toContain(`(ref ${ref})`);
    expect(h.chat.log.map((s) => s.message.text).join('\n')).not.toContain('hunter2');
    expect(JSON.stringify(h.audit.entries)).not.toContain('hunter2');
    expect(loggedWith(h, ref)[0]!.fields).toMatchObject({ requestId: id, command: 'migrate' });
  });
});

describe('failing closed when the store fails', () => {
  test('an approval whose compare-and-set throws starts nothing', async () => {
    const real = createMemoryStore();
    let broken = false;
    const store: Store = {
      ...real,
      transition: (id, from, change) => (broken ? Promise.reject(new Error('EIO: disk full')) : real.transition(id, from, change)),
    };
    const h = await createBotHarness({ store });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    broken = true;
    expect((await h.click('bob', 'approve', id)).accepted).toBe(false);
    expect(h.lastAnswerTo('bob')).toMatch(REF);
    await h.idle();
    expect(h.bot.runningJobs()).toEqual([]);
    expect(h.cluster.stats().started).toBe(0);
    expect((await real.get(id))?.state).toBe('pending');
  });
});

describe('a chat outage', () => {
  test('while a job runs: the job still finishes and records its outcome; delivery failures are logged', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    h.chat.setOutage(['reply', 'update']);
    await h.click('bob', 'approve', id);
    await h.idle();
    expect((await h.request(id)).state).toBe('succeeded');
    expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node2');
    expect(h.logger.entries.filter((e) => e.msg === 'chat delivery failed').length).toBeGreaterThan(0);
  });
});

describe('correlation ids', () => {
  test('every log line about a refused command carries the id the person was shown', async () => {
    const h = await createBotHarness({ decorate: failing('listVms', () => new Error(SECRET)) });
    await h.say('dave', 'vms');
    const ref = /\(ref ([0-9a-f]{8})\)/.exec(h.lastAnswerTo('dave'))![1]!;
    const lines = h.logger.entries.filter((e) => e.fields.correlationId === ref);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.every((e) => e.fields.user === 'dave')).toBe(true);
  });

  test('two commands get different ids', async () => {
    const h = await createBotHarness();
    await h.say('dave', 'vms');
    await h.say('dave', 'nodes');
    const ids = h.logger.entries.filter((e) => e.msg === 'handled').map((e) => e.fields.correlationId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });
});
