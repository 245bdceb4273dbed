/**
 * Where the bot reaches each node (the configured endpoint's scheme, port and path with the node's
 * name and the entry's DNS suffix, or the node's override) and that it keeps one session per
 * endpoint, made on first use.
 */
import { ClusterError } from '../../../src/cluster/errors.js';
import { nodeEndpoint } from '../../../src/cluster/remote/node-endpoints.js';
import { createNodeSessions } from '../../../src/cluster/remote/node-sessions.js';
import type { ClusterOperationRunner } from '../../../src/cluster/remote/operation-runner.js';

test('a node\'s endpoint is the entry\'s with the node\'s name and the entry\'s DNS suffix', () => {
  expect(nodeEndpoint('http://hv-node1.corp.example:5985/wsman', 'HV-NODE2')).toBe('http://hv-node2.corp.example:5985/wsman');
  expect(nodeEndpoint('https://hv-node1:5986/wsman', 'hv-node3')).toBe('https://hv-node3:5986/wsman');
  // An address has no suffix to give.
  expect(nodeEndpoint('http://10.0.0.5:5985/wsman', 'node2')).toBe('http://node2:5985/wsman');
});

test('an override wins, whatever the case of the node\'s name', () => {
  const overrides = { Node2: { endpoint: 'https://n2.mgmt.corp.example:5986/wsman' } };
  expect(nodeEndpoint('http://node1:5985/wsman', 'node2', overrides)).toBe('https://n2.mgmt.corp.example:5986/wsman');
});

test('a node name that cannot be a host name asks for an override, naming the field', () => {
  expect(() => nodeEndpoint('http://node1:5985/wsman', 'node 2')).toThrow(ClusterError);
  expect(() => nodeEndpoint('http://node1:5985/wsman', 'node 2')).toThrow(/nodes\.node 2\.endpoint/);
});

test('one session per endpoint, made on first use and shared by the names that lead to it; close ends them all', async () => {
  const opened: string[] = [];
  let closed = 0;
  const runner = { transport: 'winrs', run: async () => ({ stdout: '', warnings: [] }) } satisfies ClusterOperationRunner;
  const sessions = createNodeSessions({
    entryEndpoint: 'http://node1:5985/wsman',
    endpointFor: (node) => nodeEndpoint('http://node1:5985/wsman', node),
    open: (endpoint) => {
      opened.push(endpoint);
      return { runner, close: async () => void closed++ };
    },
  });
  expect(opened).toEqual(['http://node1:5985/wsman']);
  sessions.node('node1');
  sessions.node('NODE2');
  sessions.node('node2');
  expect(opened).toEqual(['http://node1:5985/wsman', 'http://node2:5985/wsman']);
  await sessions.close();
  expect(closed).toBe(2);
});
