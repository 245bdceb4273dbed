/**
 * @module winrm-server/winrs-service: the WinRS cmd shell behind the HTTP layer: Create, Command,
 * Send, Receive (a long poll: the TimedOut fault when the command is still running after the
 * request's OperationTimeout, clamped to MaxTimeoutms), Signal and Delete, each answered with its
 * response body or a WinrsFault. [MS-WSMV] 3.1.4.5.2, 3.1.4.11-3.1.4.14
 */
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { assertNever } from '../../../remoting/errors.js';
import type { RemotingLogger } from '../../../remoting/transport/logger.js';
import { Namespace, ResourceUri, SignalCode, StreamName, WinrsOption } from '../../../remoting/wsman/constants.js';
import { child, children, path, textOf } from '../../../remoting/wsman/parse.js';
import type { CommandHost } from '../powershell/command-host.js';
import { WinrsFault } from './faults.js';
import { createHostedCommand } from './hosted-command.js';
import type { WsmanRequest } from './request.js';
import { commandResponse, createResponse, receiveBudget, receiveResponse, sendResponse, signalResponse } from './responses.js';
import type { ShellRegistry, ShellSettings } from './shell-registry.js';

export interface WinrsServiceOptions {
  readonly host: CommandHost;
  readonly shells: ShellRegistry;
  readonly operationTimeoutMaxMs: number;
  readonly idleTimeoutMs: number;
  readonly logger: RemotingLogger;
}

/** Who asks and from where, as the HTTP layer established it. */
export interface RequestContext {
  readonly user: string;
  readonly clientIp: string;
  /** The listener's URL (wsa:Address of a created shell). */
  readonly address: string;
  /** Aborted when the client goes away during a long poll. */
  readonly signal?: AbortSignal;
}

export interface WinrsReply {
  readonly action: string;
  readonly body: string;
}

export interface WinrsService {
  handle(request: WsmanRequest, context: RequestContext): Promise<WinrsReply>;
}

const shellElement = (body: Element, local: string) => child(body, Namespace.shell, local);

function shellSettings(request: WsmanRequest): ShellSettings {
  const codepageText = request.options.get(WinrsOption.codepage);
  const codepage = codepageText === undefined ? undefined : Number(codepageText);
  if (codepage !== undefined && !(Number.isInteger(codepage) && codepage > 0 && codepage < 65536)) throw new WinrsFault('invalidParameter');
  const noProfile = (request.options.get(WinrsOption.noProfile) ?? 'FALSE').toUpperCase();
  if (noProfile !== 'TRUE' && noProfile !== 'FALSE') throw new WinrsFault('invalidParameter');
  if (!shellElement(request.body, 'Shell')) throw new WinrsFault('schemaValidation');
  return { codepage, noProfile: noProfile === 'TRUE' };
}

export function createWinrsService(options: WinrsServiceOptions): WinrsService {
  const { host, shells, logger } = options;

  function command(request: WsmanRequest, user: string): string {
    const shell = shells.get(user, request.selectors.get('ShellId'));
    const line = shellElement(request.body, 'CommandLine');
    const executable = line ? textOf(child(line, Namespace.shell, 'Command')) : undefined;
    if (!line || !executable) throw new WinrsFault('schemaValidation');
    const args = children(line, Namespace.shell, 'Arguments').map((a) => a.textContent ?? '');
    const id = (line.getAttribute('CommandId') || randomUUID()).toUpperCase();
    shells.addCommand(shell, createHostedCommand(id, host, executable, args));
    return commandResponse(id);
  }

  function send(request: WsmanRequest, user: string): string {
    const shell = shells.get(user, request.selectors.get('ShellId'));
    const streams = children(shellElement(request.body, 'Send') ?? request.body, Namespace.shell, 'Stream');
    if (streams.length === 0) throw new WinrsFault('schemaValidation');
    for (const stream of streams) {
      const target = shells.command(shell, stream.getAttribute('CommandId') ?? undefined);
      if (stream.getAttribute('Name') !== StreamName.stdin) throw new WinrsFault('invalidParameter');
      const end = (stream.getAttribute('End') ?? '').toLowerCase() === 'true';
      if (!target.send(Buffer.from(textOf(stream) ?? '', 'base64'), end)) throw new WinrsFault('invalidParameter');
    }
    return sendResponse();
  }

  async function receive(request: WsmanRequest, context: RequestContext): Promise<string> {
    const shell = shells.get(context.user, request.selectors.get('ShellId'));
    const desired = path(request.body, [[Namespace.shell, 'Receive'], [Namespace.shell, 'DesiredStream']]);
    const target = shells.command(shell, desired?.getAttribute('CommandId') ?? undefined);
    target.startIfIdle();
    const waitMs = Math.min(request.operationTimeoutMs, options.operationTimeoutMaxMs);
    if (!(await target.settled(waitMs, context.signal))) throw new WinrsFault('timedOut');
    if (target.phase() === 'failed') {
      logger.error({ commandId: target.id, error: (target.failure() as Error | undefined)?.name }, 'the command host failed');
      throw new WinrsFault('providerFailure');
    }
    shells.touch(shell);
    return receiveResponse(target.id, target.take(receiveBudget(request.maxEnvelopeSize)));
  }

  function signal(request: WsmanRequest, user: string): string {
    const shell = shells.get(user, request.selectors.get('ShellId'));
    const element = shellElement(request.body, 'Signal');
    const target = shells.command(shell, element?.getAttribute('CommandId') ?? undefined);
    const code = element ? textOf(child(element, Namespace.shell, 'Code')) : undefined;
    if (!Object.values(SignalCode).some((c) => c === code)) throw new WinrsFault('invalidParameter');
    // The host cannot be interrupted; a terminated command's result is dropped with it.
    shells.removeCommand(shell, target.id);
    return signalResponse();
  }

  return {
    async handle(request, context) {
      const { action } = request;
      if (!action || action === 'fault') throw new WinrsFault('actionNotSupported');
      if (request.resourceUri !== ResourceUri.cmd) throw new WinrsFault('invalidResourceUri');
      const reply = (body: string): WinrsReply => ({ action: `${request.actionUri}Response`, body });
      switch (action) {
        case 'create': {
          const shell = shells.create(context.user, shellSettings(request));
          logger.debug({ user: context.user, shellId: shell.id }, 'shell created');
          return reply(createResponse(shell, { address: context.address, clientIp: context.clientIp, idleTimeoutMs: options.idleTimeoutMs }));
        }
        case 'command':
          return reply(command(request, context.user));
        case 'send':
          return reply(send(request, context.user));
        case 'receive':
          return reply(await receive(request, context));
        case 'signal':
          return reply(signal(request, context.user));
        case 'delete':
          shells.delete(shells.get(context.user, request.selectors.get('ShellId')));
          return reply('');
        case 'get':
          throw new WinrsFault('actionNotSupported');
        default:
          return assertNever(action);
      }
    },
  };
}
