/**
 * @module simulator/powershell/cmdlet-service: the loopback channel between the fake Windows
 * modules (running in pwsh) and the simulated cluster. One HTTP endpoint on 127.0.0.1 and a
 * random port; every call carries a secret made for this service and given only to the pwsh
 * processes it starts, so nothing else on the machine can read or change the cluster through it.
 * A call names the cmdlet and its bound parameters; the answer is its output objects, or the
 * Windows error it raises (CmdletFailure), which the PowerShell side throws as Windows would.
 * The answer is JSON lines: the progress records the cmdlet writes while it runs, as it writes
 * them, then the one line of its result.
 * Each node's processes get their own secret, so the service knows which node a call comes from
 * (the fakes act on that node only, as Windows' cmdlets do without a second hop).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock.js';
import { ClusterError } from '../../errors.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import { cimAndEventCmdlets } from './cmdlets/cim-and-events.js';
import { CmdletFailure, cmdletFailureFrom } from './cmdlets/cmdlet-failure.js';
import type { CmdletContext, CmdletHandler } from './cmdlets/cmdlet-context.js';
import { failoverClusterCmdlets } from './cmdlets/failover-clusters.js';
import { hyperVCmdlets } from './cmdlets/hyper-v.js';

/** Every fake cmdlet the modules forward, by its Windows name. */
export const fakeCmdlets: Readonly<Record<string, CmdletHandler>> = { ...failoverClusterCmdlets, ...hyperVCmdlets, ...cimAndEventCmdlets };

/** A call's JSON is small (a cmdlet name and a few parameters); anything larger is refused unread. */
const MAX_CALL_BYTES = 256 * 1024;

export interface CmdletService {
  /** The address the modules post to (HYPERV_CHATOPS_SIMULATOR_URL). */
  readonly url: string;
  /** The bearer secret (HYPERV_CHATOPS_SIMULATOR_SECRET) of the pwsh processes of one node: its calls run on that node. */
  secretFor(node: string): string;
  /** Calls answered, by cmdlet name (tests, the bench). */
  calls(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

export interface CmdletServiceOptions {
  readonly cluster: SimulatedCluster;
  readonly clock: Clock;
  /** Told of each call: the cmdlet, the parameters it was given as PowerShell bound them, and the node it ran on. */
  readonly onCall?: CmdletCallListener;
}

export type CmdletCallListener = (cmdlet: string, parameters: Readonly<Record<string, unknown>>, node: string) => void;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The node whose secret the call carries, or undefined. */
function callerNode(req: IncomingMessage, secrets: ReadonlyMap<string, Buffer>): string | undefined {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '', 'utf8');
  for (const [node, secret] of secrets) if (given.length === secret.length && timingSafeEqual(given, secret)) return node;
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CALL_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface Call { cmdlet: string; parameters: Record<string, unknown>; node: string }

function parseCall(text: string, node: string): Call | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { cmdlet, parameters } = value as { cmdlet?: unknown; parameters?: unknown };
    if (typeof cmdlet !== 'string') return undefined;
    return { cmdlet, parameters: typeof parameters === 'object' && parameters !== null ? (parameters as Record<string, unknown>) : {}, node };
  } catch {
    return undefined;
  }
}

export async function startCmdletService(options: CmdletServiceOptions): Promise<CmdletService> {
  const secrets = new Map<string, Buffer>();
  const counts = new Map<string, number>();

  async function answer(call: Call, progress: CmdletContext['progress']): Promise<{ output: readonly unknown[]; errors: unknown[] }> {
    const handler = fakeCmdlets[call.cmdlet];
    if (!handler) throw new Error(`no fake for ${call.cmdlet}`);
    counts.set(call.cmdlet, (counts.get(call.cmdlet) ?? 0) + 1);
    options.onCall?.(call.cmdlet, call.parameters, call.node);
    try {
      return { output: await handler({ cluster: options.cluster, clock: options.clock, parameters: call.parameters, progress, node: call.node }), errors: [] };
    } catch (error) {
      if (error instanceof CmdletFailure) return { output: [], errors: [error.spec] };
      if (error instanceof ClusterError) {
        return { output: [], errors: [cmdletFailureFrom(error, { errorId: `${call.cmdlet},HyperVChatOps.Simulator`, exception: 'Exception' }).spec] };
      }
      throw error;
    }
  }

  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
    const node = callerNode(req, secrets);
    if (node === undefined) {
      req.resume();
      return send(res, 403, { error: 'wrong or missing secret' });
    }
    void (async () => {
      const text = await readBody(req);
      if (text === undefined) return send(res, 413, { error: `a call is at most ${MAX_CALL_BYTES} bytes` });
      const call = parseCall(text, node);
      if (!call) return send(res, 400, { error: 'a call is JSON {"cmdlet": name, "parameters": {...}}' });
      if (!Object.hasOwn(fakeCmdlets, call.cmdlet)) return send(res, 404, { error: `no fake for ${call.cmdlet}` });
      const line = (body: unknown) => {
        if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
        res.write(`${JSON.stringify(body)}\n`);
      };
      const result = await answer(call, (record) => line({ progress: record }));
      line(result);
      res.end();
    })().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, { error: reason });
      else res.end(`${JSON.stringify({ error: reason })}\n`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    secretFor(node) {
      const known = [...secrets.entries()].find(([name]) => name.toLowerCase() === node.toLowerCase());
      if (known) return known[1].toString('utf8');
      const secret = randomBytes(32).toString('base64url');
      secrets.set(node, Buffer.from(secret, 'utf8'));
      return secret;
    },
    calls: () => counts,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
