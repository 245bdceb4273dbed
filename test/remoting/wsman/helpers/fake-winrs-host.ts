/**
 * @module test helper: a scripted WinRS host on 127.0.0.1 that answers like Windows: shells,
 * commands, stdin, Receive long polls (TimedOut when nothing is ready within OperationTimeout),
 * Signal, Delete, injected faults, a MaxShellsPerUser quota and forgotten shells.
 */
import { randomUUID } from 'node:crypto';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { Action, CommandState, FaultCode, Namespace } from '../../../../src/remoting/wsman/constants.js';
import { createAuthGate, type GateAuth } from './fake-auth-gate.js';
import { startLoopback } from './loopback.js';

export interface ProgramRun {
  stdout?: string | Buffer;
  stderr?: string | Buffer;
  exitCode?: number;
  /** Receives answered with the TimedOut fault before the output comes. */
  timedOutPolls?: number;
  /** Never finishes: every Receive waits OperationTimeout and times out. */
  hang?: boolean;
  /** Delay before the Receive that returns the output. */
  holdMs?: number;
  /** Bytes per rsp:Stream element (to split multi-byte characters). */
  chunkSize?: number;
}

export type Program = (call: { executable: string; args: string[]; stdin: Buffer }) => ProgramRun;
export type FaultName = 'shell-not-found' | 'operations-quota' | 'shells-quota' | 'invalid-parameter';
export type ActionKey = 'create' | 'command' | 'send' | 'receive' | 'signal' | 'delete';

interface CommandRecord {
  executable: string;
  args: string[];
  stdin: Buffer[];
  run?: ProgramRun;
  polls: number;
}

export interface HostStats {
  created: number;
  deleted: number;
  commands: Array<{ executable: string; args: string[]; options: Record<string, string> }>;
  createOptions: Array<Record<string, string>>;
  receives: number;
  receiveTimeouts: string[];
  signals: Array<{ commandId: string; code: string }>;
  sends: Array<{ commandId: string; end: string; envelopeBytes: number }>;
  maxOpenShells: number;
}

const ns = Namespace;
const xmlns = `xmlns:s="${ns.soap}" xmlns:a="${ns.addressing}" xmlns:x="${ns.transfer}" xmlns:w="${ns.wsman}" xmlns:rsp="${ns.shell}" xmlns:p="${ns.wsmv}"`;

function find(root: Document | Element, namespace: string, local: string): Element | undefined {
  return root.getElementsByTagNameNS(namespace, local).item(0) ?? undefined;
}
function all(root: Document | Element, namespace: string, local: string): Element[] {
  const list = root.getElementsByTagNameNS(namespace, local);
  return Array.from({ length: list.length }, (_, i) => list.item(i)).filter((e): e is Element => e !== null);
}

function envelope(action: string, relatesTo: string | undefined, body: string): string {
  const relates = relatesTo ? `<a:RelatesTo>${relatesTo}</a:RelatesTo>` : '';
  return `<s:Envelope xml:lang="en-US" ${xmlns}><s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:${randomUUID().toUpperCase()}</a:MessageID><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>${relates}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

function fault(name: FaultName, relatesTo: string | undefined): [number, string] {
  if (name === 'shells-quota') {
    const wmi = `<p:MSFT_WmiError xmlns:p="${ns.wmiError}"><p:Message>This user is allowed a maximum number of 1 concurrent shells, which has been exceeded.</p:Message><p:MessageID>HRESULT 0x803381a5</p:MessageID><p:error_Code>${FaultCode.shellQuota}</p:error_Code></p:MSFT_WmiError>`;
    const body = `<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:QuotaLimit</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">The maximum number of concurrent shells for this user has been exceeded.</s:Text></s:Reason><s:Detail>${wmi}</s:Detail></s:Fault>`;
    return [500, envelope(Action.fault, undefined, body)];
  }
  const [code, subcode, text] = {
    'shell-not-found': [FaultCode.shellNotFound, 'InvalidSelectors', 'The request contained invalid selectors for the resource.'],
    'operations-quota': [FaultCode.operationsQuota, 'QuotaLimit', 'This user is allowed a maximum number of 1500 concurrent operations.'],
    'invalid-parameter': [FaultCode.invalidParameter, 'InvalidParameter', 'The parameter is incorrect.'],
  }[name];
  const body = `<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:${subcode}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">${text}</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f="${ns.wsmanFault}" Code="${code}" Machine="127.0.0.1"><f:Message>${text}</f:Message></f:WSManFault></s:Detail></s:Fault>`;
  return [500, envelope(Action.fault, relatesTo, body)];
}

function timedOut(relatesTo: string | undefined): [number, string] {
  const text = 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.';
  const body = `<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:TimedOut</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">${text}</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f="${ns.wsmanFault}" Code="${FaultCode.operationTimedOut}" Machine="127.0.0.1"><f:Message>${text}</f:Message></f:WSManFault></s:Detail></s:Fault>`;
  return [500, envelope(Action.fault, relatesTo, body)];
}

function streams(name: string, commandId: string, data: Buffer, size: number): string {
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += size) {
    parts.push(`<rsp:Stream Name="${name}" CommandId="${commandId}">${data.subarray(i, i + size).toString('base64')}</rsp:Stream>`);
  }
  return `${parts.join('')}<rsp:Stream Name="${name}" CommandId="${commandId}" End="true"></rsp:Stream>`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const seconds = (duration: string | undefined) => Number(/^PT([\d.]+)S$/.exec(duration ?? '')?.[1] ?? '20') * 1000;
const optionsOf = (doc: Document) => Object.fromEntries(all(doc, ns.wsman, 'Option').map((o) => [o.getAttribute('Name') ?? '', o.textContent ?? '']));

export interface FakeHostOptions {
  auth?: GateAuth;
  program?: Program;
  /** The server's MaxShellsPerUser: Create beyond it answers the MSFT_WmiError quota fault. */
  maxShells?: number;
  /** Answer with `Connection: close`, so every request needs a new connection. */
  closeConnections?: boolean;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
}

export async function startFakeWinrsHost(options: FakeHostOptions = {}) {
  const program: Program = options.program ?? (({ args }) => ({ stdout: args.join(' ') }));
  const shells = new Map<string, Map<string, CommandRecord>>();
  const injections: Array<{ action: ActionKey; fault: FaultName }> = [];
  const stats: HostStats = { created: 0, deleted: 0, commands: [], createOptions: [], receives: 0, receiveTimeouts: [], signals: [], sends: [], maxOpenShells: 0 };
  let closeConnections = options.closeConnections ?? false;

  async function receive(doc: Document, commands: Map<string, CommandRecord>, relatesTo?: string): Promise<[number, string]> {
    stats.receives++;
    const timeout = find(doc, ns.wsman, 'OperationTimeout')?.textContent ?? undefined;
    stats.receiveTimeouts.push(timeout ?? '');
    const commandId = find(doc, ns.shell, 'DesiredStream')?.getAttribute('CommandId') ?? '';
    const command = commands.get(commandId);
    if (!command) return fault('shell-not-found', relatesTo);
    const run = (command.run ??= program({ executable: command.executable, args: command.args, stdin: Buffer.concat(command.stdin) }));
    if (run.hang || command.polls < (run.timedOutPolls ?? 0)) {
      command.polls++;
      await sleep(run.hang ? seconds(timeout) : 0);
      return timedOut(relatesTo);
    }
    if (run.holdMs) await sleep(run.holdMs);
    const size = run.chunkSize ?? 4096;
    const body =
      streams('stdout', commandId, Buffer.from(run.stdout ?? ''), size) +
      streams('stderr', commandId, Buffer.from(run.stderr ?? ''), size) +
      `<rsp:CommandState CommandId="${commandId}" State="${CommandState.done}"><rsp:ExitCode>${run.exitCode ?? 0}</rsp:ExitCode></rsp:CommandState>`;
    return [200, envelope(`${Action.receive}Response`, relatesTo, `<rsp:ReceiveResponse>${body}</rsp:ReceiveResponse>`)];
  }

  async function handle(soap: string): Promise<[number, string]> {
    const doc = new DOMParser().parseFromString(soap, 'text/xml');
    const action = find(doc, ns.addressing, 'Action')?.textContent ?? '';
    const relatesTo = find(doc, ns.addressing, 'MessageID')?.textContent ?? undefined;
    const key = (Object.keys(Action) as Array<keyof typeof Action>).find((k) => Action[k] === action) as ActionKey | undefined;
    const injected = injections.findIndex((i) => i.action === key);
    if (injected >= 0) return fault(injections.splice(injected, 1)[0]?.fault ?? 'invalid-parameter', relatesTo);
    const ok = (body: string) => [200, envelope(`${action}Response`, relatesTo, body)] as [number, string];
    if (key === 'create') {
      if (options.maxShells !== undefined && shells.size >= options.maxShells) return fault('shells-quota', relatesTo);
      const id = randomUUID().toUpperCase();
      shells.set(id, new Map());
      stats.created++;
      stats.createOptions.push(optionsOf(doc));
      stats.maxOpenShells = Math.max(stats.maxOpenShells, shells.size);
      return ok(`<x:ResourceCreated><a:Address>http://127.0.0.1/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>${find(doc, ns.wsman, 'ResourceURI')?.textContent}</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">${id}</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`);
    }
    const shellId = all(doc, ns.wsman, 'Selector').find((s) => s.getAttribute('Name') === 'ShellId')?.textContent ?? '';
    const commands = shells.get(shellId);
    if (!commands) return fault('shell-not-found', relatesTo);
    switch (key) {
      case 'command': {
        const id = randomUUID().toUpperCase();
        const executable = find(doc, ns.shell, 'Command')?.textContent ?? '';
        const args = all(doc, ns.shell, 'Arguments').map((a) => a.textContent ?? '');
        commands.set(id, { executable, args, stdin: [], polls: 0 });
        stats.commands.push({ executable, args, options: optionsOf(doc) });
        return ok(`<rsp:CommandResponse><rsp:CommandId>${id}</rsp:CommandId></rsp:CommandResponse>`);
      }
      case 'send': {
        const stream = find(doc, ns.shell, 'Stream');
        const commandId = stream?.getAttribute('CommandId') ?? '';
        commands.get(commandId)?.stdin.push(Buffer.from(stream?.textContent ?? '', 'base64'));
        stats.sends.push({ commandId, end: stream?.getAttribute('End') ?? '', envelopeBytes: Buffer.byteLength(soap) });
        return ok('<rsp:SendResponse/>');
      }
      case 'receive':
        return receive(doc, commands, relatesTo);
      case 'signal': {
        const signal = find(doc, ns.shell, 'Signal');
        const commandId = signal?.getAttribute('CommandId') ?? '';
        stats.signals.push({ commandId, code: find(doc, ns.shell, 'Code')?.textContent ?? '' });
        if (!commands.delete(commandId)) return fault('shell-not-found', relatesTo);
        return ok('<rsp:SignalResponse/>');
      }
      case 'delete':
        shells.delete(shellId);
        stats.deleted++;
        return ok('');
      default:
        return fault('invalid-parameter', relatesTo);
    }
  }

  const gate = createAuthGate(options.auth ?? { scheme: 'none' }, handle, () => closeConnections, options.tls !== undefined);
  const server = await startLoopback((req, body, res) => gate.handle(req, body, res), options.tls);
  return {
    url: server.url,
    port: server.port,
    stats,
    wire: gate.stats,
    openShells: () => shells.size,
    /** The next request with this action gets this fault (once). */
    inject: (action: ActionKey, faultName: FaultName) => void injections.push({ action, fault: faultName }),
    /** The server forgets every shell, as after an idle timeout or a service restart. */
    forgetShells: () => shells.clear(),
    setCloseConnections: (value: boolean) => void (closeConnections = value),
    close: () => server.close(),
  };
}

export type FakeWinrsHost = Awaited<ReturnType<typeof startFakeWinrsHost>>;
