/**
 * @module winrm-server/responses: the bodies of the WinRS responses, shaped like the recorded
 * Windows Server 2016 answers in pypsrp's fixtures ([MS-WSMV] 3.1.4.5.2, 3.1.4.11-3.1.4.14).
 */
import { CommandState, ResourceUri, StreamName } from '../../../remoting/wsman/constants.js';
import { formatDuration } from '../../../remoting/wsman/envelope.js';
import { element } from '../../../remoting/wsman/xml.js';
import type { OutputPiece } from './hosted-command.js';
import type { HostedShell } from './shell-registry.js';

export interface CreatedShellFacts {
  /** The listener's URL, as wsa:Address. */
  readonly address: string;
  readonly clientIp: string;
  readonly idleTimeoutMs: number;
}

/** CreateResponse: the EPR with the ShellId selector, then the rsp:Shell that Server 2012+ adds. */
export function createResponse(shell: HostedShell, facts: CreatedShellFacts): string {
  const created = element('x:ResourceCreated', {}, [
    element('a:Address', {}, { text: facts.address }),
    element('a:ReferenceParameters', {}, [
      element('w:ResourceURI', {}, { text: ResourceUri.cmd }),
      element('w:SelectorSet', {}, [element('w:Selector', { Name: 'ShellId' }, { text: shell.id })]),
    ]),
  ]);
  const field = (local: string, text: string) => element(`rsp:${local}`, {}, { text });
  const description = element('rsp:Shell', {}, [
    field('ShellId', shell.id),
    field('ResourceUri', ResourceUri.cmd),
    field('Owner', shell.owner),
    field('ClientIP', facts.clientIp),
    field('IdleTimeOut', formatDuration(facts.idleTimeoutMs)),
    field('InputStreams', StreamName.stdin),
    field('OutputStreams', `${StreamName.stdout} ${StreamName.stderr}`),
    field('ShellRunTime', 'P0DT0H0M0S'),
    field('ShellInactivity', 'P0DT0H0M0S'),
  ]);
  return created + description;
}

export function commandResponse(commandId: string): string {
  return element('rsp:CommandResponse', {}, [element('rsp:CommandId', {}, { text: commandId })]);
}

function streamElements(name: string, commandId: string, data: Buffer, done: boolean): string[] {
  const parts = data.length > 0 ? [element('rsp:Stream', { Name: name, CommandId: commandId }, { text: data.toString('base64') })] : [];
  if (done) parts.push(element('rsp:Stream', { Name: name, CommandId: commandId, End: 'true' }));
  return parts;
}

/** ReceiveResponse: each stream's bytes in base64, End markers once done, then CommandState. */
export function receiveResponse(commandId: string, piece: OutputPiece): string {
  const state = piece.done
    ? element('rsp:CommandState', { CommandId: commandId, State: CommandState.done }, [
        element('rsp:ExitCode', {}, { text: String(piece.exitCode ?? 0) }),
      ])
    : element('rsp:CommandState', { CommandId: commandId, State: CommandState.running });
  return element('rsp:ReceiveResponse', {}, [
    ...streamElements(StreamName.stdout, commandId, piece.stdout, piece.done),
    ...streamElements(StreamName.stderr, commandId, piece.stderr, piece.done),
    state,
  ]);
}

export const sendResponse = (): string => element('rsp:SendResponse');
export const signalResponse = (): string => element('rsp:SignalResponse');

/** Envelope bytes a ReceiveResponse needs besides the streams' base64 (header, state, markers). */
export const RECEIVE_OVERHEAD_BYTES = 4096;

/** Raw output bytes that fit in one ReceiveResponse under `maxEnvelopeSize` (base64 grows 4/3). */
export function receiveBudget(maxEnvelopeSize: number): number {
  return Math.max(0, Math.floor((maxEnvelopeSize - RECEIVE_OVERHEAD_BYTES) / 4) * 3 - 6);
}
