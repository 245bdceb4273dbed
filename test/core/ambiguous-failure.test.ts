/**
 * A step that changes the cluster is never retried blindly after an ambiguous failure: when
 * the answer to "migrate" is lost, the bot reads the cluster and follows or reports what it found.
 */
import type { Cluster } from '../../src/cluster/cluster.js';
import { ClusterError } from '../../src/cluster/errors.js';
import type { SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createBotHarness } from '../support/bot-harness.js';

const lostAnswer = (sendItAnyway: boolean) => (sim: SimulatedCluster): Cluster & { calls: number } => {
  const cluster = Object.assign(Object.create(sim) as Cluster, { calls: 0 });
  cluster.migrateVm = async (request) => {
    cluster.calls++;
    if (sendItAnyway) await sim.migrateVm(request); // the cluster got it; the reply was lost
    throw new ClusterError('unreachable', 'node1 did not answer on WinRM (timed out after 20 s)');
  };
  return cluster;
};

test('the move began although its answer was lost: the bot says so, follows it and succeeds, asking once', async () => {
  let decorated: (Cluster & { calls: number }) | undefined;
  const h = await createBotHarness({ decorate: (sim) => (decorated = lostAnswer(true)(sim)) });
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  await h.click('bob', 'approve', id);
  await h.idle();
  expect((await h.request(id)).state).toBe('succeeded');
  expect(decorated!.calls).toBe(1);
  expect(h.cluster.stats().started).toBe(1);
  const thread = h.chat.threadOf((await h.request(id)).cardRef!).map((s) => s.message.text);
  expect(thread.some((t) => t.includes("The cluster's answer was lost, but vm42 is moving; following it."))).toBe(true);
});

test('the move never began: the job fails saying where the VM is, and nothing is retried', async () => {
  let decorated: (Cluster & { calls: number }) | undefined;
  const h = await createBotHarness({ decorate: (sim) => (decorated = lostAnswer(false)(sim)) });
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  await h.click('bob', 'approve', id);
  await h.idle();
  const r = await h.request(id);
  expect(r.state).toBe('failed');
  expect(r.job?.summary).toBe(
    'The cluster did not confirm the move of vm42 (node1 did not answer on WinRM (timed out after 20 s)); vm42 is still on node1 and no migration is running. Nothing was retried.',
  );
  expect(decorated!.calls).toBe(1);
  expect(h.cluster.stats().started).toBe(0);
});
