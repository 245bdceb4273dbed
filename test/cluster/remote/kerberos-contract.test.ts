/**
 * The contract over Kerberos: RemoteCluster → the bot's PSRP session to each node → real
 * WS-Management with Kerberos (a ticket from a real MIT KDC on loopback, each node's listener
 * holding its own `HTTP/<node>` key, messages sealed with the RFC 4121 wrap) → the HyperVChatOps
 * functions in pwsh → SimulatedCluster. One case per script (the authentication is what differs
 * from psrp-cluster.test.ts, which runs the whole contract), on one warm session per node.
 */
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { createTicketSource, type TicketSource } from '../../../src/remoting/kerberos/index.js';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../../support/kdc.js';
import { warmPsrpContract } from '../../support/warm-psrp-contract.js';
import { contractInventory, describeClusterContract, oneCasePerScript } from '../contract.js';

jest.setTimeout(180_000);

let kdc: TestKdc;
let tickets: TicketSource;
const keytabs = new Map<string, Buffer>();
const spnOf = (node: string) => `HTTP/${node.toLowerCase()}.hyperv.test`;

beforeAll(async () => {
  kdc = await startKdc();
  for (const node of contractInventory.nodes.map((n) => n.name)) keytabs.set(node, readFileSync(kdc.addService(`${node.toLowerCase()}.hyperv.test`)));
  tickets = createTicketSource({ principal: USER, password: USER_PASSWORD, env: kdc.env });
}, 60_000);

const contract = warmPsrpContract(contractInventory, 1000, () => ({
  auth: {
    // Kerberos only: a node that fell back to NTLM would not answer.
    server: (node) => ({ kerberos: { keytab: keytabs.get(node) ?? Buffer.alloc(0) } }),
    client: (node) => ({ scheme: 'kerberos', tickets, spn: spnOf(node) }),
  },
}));

afterAll(async () => {
  await contract.close();
  tickets?.close();
  await kdc?.stop();
});

describeClusterContract('RemoteCluster over PSRP with Kerberos to each node', () => contract.setup(), { sample: oneCasePerScript });
