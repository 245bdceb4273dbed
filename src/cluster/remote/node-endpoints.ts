/**
 * @module cluster/remote/node-endpoints: the WS-Management endpoint of each cluster node. A node
 * with an override in the configuration (`nodes: { node2: { endpoint } }`) is reached there; any
 * other is the configured endpoint with the node's name as its host, plus the entry host's DNS
 * suffix when the entry is a DNS name (`http://hv-node1.corp.example:5985/wsman` gives node
 * `hv-node2` the endpoint `http://hv-node2.corp.example:5985/wsman`; Kerberos wants the FQDN).
 */
import { isIP } from 'node:net';
import { ClusterError } from '../errors.js';
import { sameNodeName } from './names.js';

export type NodeEndpointOverrides = Readonly<Record<string, { readonly endpoint: string; readonly spn?: string | undefined }>>;

function dnsSuffix(host: string): string {
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return '';
  const dot = host.indexOf('.');
  return dot < 0 ? '' : host.slice(dot);
}

/** The endpoint of `node` (whatever the case of its name in the overrides). */
export function nodeEndpoint(entry: string, node: string, overrides: NodeEndpointOverrides = {}): string {
  const override = Object.entries(overrides).find(([name]) => sameNodeName(name, node));
  if (override) return override[1].endpoint;
  const url = new URL(entry);
  const host = `${node}${dnsSuffix(url.hostname)}`.toLowerCase();
  const derived = new URL(entry);
  derived.hostname = host;
  if (derived.hostname !== host) {
    throw new ClusterError('unreachable', `the node name ${JSON.stringify(node)} cannot be a host name; give the node its endpoint in the configuration (nodes.${node}.endpoint)`, { node });
  }
  return derived.toString();
}
