/**
 * /healthz asks each cluster whether it answers, often (a load balancer's probe): for a remote
 * cluster that is its membership read on the entry node, not a read of every node's host (64
 * nodes on a large cluster), and a cluster whose entry does not answer fails the check.
 */
import { createSystemClock } from '../../src/cluster/clock.js';
import { createRemoteCluster, type ClusterOperationRunner } from '../../src/cluster/remote/index.js';
import { clusterCheck } from '../../src/ops/ops-server.js';
import { oneNodeAnswers } from '../cluster/remote/one-node-answers.js';

const members = '[{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null},{"name":"node2","id":"2","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null}]';

function recordingCluster(entryAnswers = true) {
  const calls: string[] = [];
  const runnerOf = (where: string): ClusterOperationRunner => ({
    transport: 'psrp',
    run: async (script) => {
      calls.push(`${script} on ${where}`);
      if (!entryAnswers) throw new Error('connect ECONNREFUSED 127.0.0.1:5985');
      return { stdout: script === 'list-nodes' ? members : (oneNodeAnswers[script] ?? '[]'), warnings: [] };
    },
  });
  const cluster = createRemoteCluster({ name: 'prod', operations: runnerOf('entry'), nodes: (node) => runnerOf(node), clock: createSystemClock(), pollMs: 1000 });
  return { cluster, calls };
}

test('the health check reads the membership on the entry node only', async () => {
  const { cluster, calls } = recordingCluster();
  await clusterCheck(cluster).check();
  expect(calls).toEqual(['list-nodes on entry']);
  await cluster.listNodes(); // what people ask for reads every node's host
  expect(calls.slice(1).sort()).toEqual(['get-node-host on node1', 'get-node-host on node2', 'list-nodes on entry']);
});

test('a cluster whose entry node does not answer fails the check', async () => {
  const { cluster } = recordingCluster(false);
  await expect(clusterCheck(cluster).check()).rejects.toThrow(/ECONNREFUSED|unreachable|did not answer/i);
});
