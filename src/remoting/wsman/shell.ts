/**
 * @module wsman/shell: the WinRS cmd shell operations of [MS-WSMV] 3.1.4.5.2 and 3.1.4.11-14:
 * Create, Command, Send, Receive, Signal, Delete, each one request through a WsmanClient.
 */
import { ResourceUri, SignalCode, StreamName, WinrsOption, type SignalName } from './constants.js';
import type { WsmanClient } from './client.js';
import { formatDuration, type WsmanOption } from './envelope.js';
import { readCommandId, readReceive, readShellId, type ReceiveResult } from './parse.js';
import { element } from './xml.js';

export interface ShellOptions {
  /** WINRS_CODEPAGE; 65001 (UTF-8) is what this project uses. Omitted: the server's default. */
  readonly codepage?: number;
  /** WINRS_NOPROFILE=TRUE: do not load the user's Windows profile. */
  readonly noProfile?: boolean;
  /** Variables of the shell; a Map keeps names like `1234` in the order given. */
  readonly environment?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  readonly workingDirectory?: string;
  readonly idleTimeoutMs?: number;
  readonly lifetimeMs?: number;
  readonly name?: string;
}

export interface CommandOptions {
  /** WINRS_SKIP_CMD_SHELL; false runs the command through cmd.exe (the server default). */
  readonly skipCmdShell?: boolean;
  /** WINRS_CONSOLEMODE_STDIN; false when stdin is a pipe the client writes to. Omitted when undefined. */
  readonly consoleModeStdin?: boolean;
  readonly signal?: AbortSignal;
}

export interface ReceiveOptions {
  readonly operationTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface WinrsShell {
  readonly id: string;
  readonly client: WsmanClient;
  /** Starts a command; resolves with its CommandId. */
  command(executable: string, args: readonly string[], options?: CommandOptions): Promise<string>;
  /** One Send: `data` must fit in one envelope (see `sendInput` for any size). */
  send(commandId: string, data: Buffer, end: boolean, signal?: AbortSignal): Promise<void>;
  /** All of `data` on stdin in chunks that keep each envelope under MaxEnvelopeSize; End on the last. */
  sendInput(commandId: string, data: Buffer, signal?: AbortSignal): Promise<void>;
  receive(commandId: string, options?: ReceiveOptions): Promise<ReceiveResult>;
  signal(commandId: string, code: SignalName, signal?: AbortSignal): Promise<void>;
  delete(signal?: AbortSignal): Promise<void>;
}

const rsp = (local: string) => `rsp:${local}`;

function shellBody(options: ShellOptions): string {
  const env = options.environment;
  const entries = env instanceof Map ? [...env.entries()] : Object.entries(env ?? {});
  const variables = entries.map(([name, value]) =>
    element(rsp('Variable'), { Name: name }, { text: value }),
  );
  const optional = (local: string, value: string | undefined) => (value === undefined ? [] : [element(rsp(local), {}, { text: value })]);
  const duration = (ms: number | undefined) => (ms === undefined ? undefined : formatDuration(ms));
  return element(rsp('Shell'), {}, [
    element(rsp('InputStreams'), {}, { text: StreamName.stdin }),
    element(rsp('OutputStreams'), {}, { text: `${StreamName.stdout} ${StreamName.stderr}` }),
    ...(variables.length ? [element(rsp('Environment'), {}, variables)] : []),
    ...optional('IdleTimeOut', duration(options.idleTimeoutMs)),
    ...optional('Lifetime', duration(options.lifetimeMs)),
    ...optional('Name', options.name),
    ...optional('WorkingDirectory', options.workingDirectory),
  ]);
}

function createOptions(options: ShellOptions): WsmanOption[] {
  const result: WsmanOption[] = [];
  if (options.noProfile) result.push({ name: WinrsOption.noProfile, value: 'TRUE', mustComply: true });
  if (options.codepage !== undefined) result.push({ name: WinrsOption.codepage, value: String(options.codepage) });
  return result;
}

function commandOptions(options: CommandOptions): WsmanOption[] {
  const result: WsmanOption[] = [];
  if (options.consoleModeStdin !== undefined) {
    result.push({ name: WinrsOption.consoleModeStdin, value: options.consoleModeStdin ? 'TRUE' : 'FALSE' });
  }
  result.push({ name: WinrsOption.skipCmdShell, value: options.skipCmdShell ? 'True' : 'False' });
  return result;
}

function sendBody(commandId: string, data: Buffer, end: boolean): string {
  const stream = element(rsp('Stream'), { CommandId: commandId, End: end ? 'True' : 'False', Name: StreamName.stdin }, {
    text: data.toString('base64'),
  });
  return element(rsp('Send'), {}, [stream]);
}

/** Largest number of raw stdin bytes per Send that keeps the envelope under MaxEnvelopeSize. */
export function maxSendBytes(client: WsmanClient, shellId: string): number {
  const probe = client.envelope({
    action: 'send',
    resourceUri: ResourceUri.cmd,
    selectors: { ShellId: shellId },
    body: sendBody('00000000-0000-0000-0000-000000000000', Buffer.alloc(0), false),
  });
  const room = client.maxEnvelopeSize - Buffer.byteLength(probe, 'utf8') - 256;
  return Math.max(3, Math.floor(room / 4) * 3);
}

/** A handle on a shell that exists on the server (as returned by Create). */
export function attachShell(client: WsmanClient, id: string): WinrsShell {
  const selectors = { ShellId: id };
  const base = { resourceUri: ResourceUri.cmd, selectors } as const;
  const shell: WinrsShell = {
    id,
    client,
    async command(executable, args, options = {}) {
      const line = [element(rsp('Command'), {}, { text: executable }), ...args.map((a) => element(rsp('Arguments'), {}, { text: a }))];
      const body = element(rsp('CommandLine'), {}, line);
      const reply = await client.invoke({ ...base, action: 'command', options: commandOptions(options), body, signal: options.signal });
      return readCommandId(reply);
    },
    async send(commandId, data, end, signal) {
      await client.invoke({ ...base, action: 'send', body: sendBody(commandId, data, end), signal });
    },
    async sendInput(commandId, data, signal) {
      const size = maxSendBytes(client, id);
      let offset = 0;
      do {
        const chunk = data.subarray(offset, offset + size);
        offset += chunk.length;
        await shell.send(commandId, chunk, offset >= data.length, signal);
      } while (offset < data.length);
    },
    async receive(commandId, options = {}) {
      const desired = element(rsp('DesiredStream'), { CommandId: commandId }, { text: `${StreamName.stdout} ${StreamName.stderr}` });
      const reply = await client.invoke({
        ...base,
        action: 'receive',
        options: [{ name: WinrsOption.keepAlive, value: 'True' }],
        body: element(rsp('Receive'), {}, [desired]),
        operationTimeoutMs: options.operationTimeoutMs,
        signal: options.signal,
      });
      return readReceive(reply);
    },
    async signal(commandId, code, signal) {
      const body = element(rsp('Signal'), { CommandId: commandId }, [element(rsp('Code'), {}, { text: SignalCode[code] })]);
      await client.invoke({ ...base, action: 'signal', body, signal });
    },
    async delete(signal) {
      await client.invoke({ ...base, action: 'delete', signal });
    },
  };
  return shell;
}

/** Create: opens a cmd shell and resolves with a handle on it. */
export async function createShell(client: WsmanClient, options: ShellOptions = {}, signal?: AbortSignal): Promise<WinrsShell> {
  const reply = await client.invoke({
    action: 'create',
    resourceUri: ResourceUri.cmd,
    options: createOptions(options),
    body: shellBody(options),
    signal,
  });
  return attachShell(client, readShellId(reply));
}
