/**
 * @module winrm-server/psrp-service: PSRP over WS-Management on the simulator's listener
 * ([MS-PSRP] 3.1.5.3): a shell on `http://schemas.microsoft.com/powershell/<configurationName>`
 * becomes one PowerShell session of that configuration (a `pwsh -s` served over its standard
 * streams, the out-of-process transport), and the shell's operations are passed through as they
 * are: Create's creationXml opens the pool, Command (CommandId = pipeline id, the argument
 * CREATE_PIPELINE) starts a pipeline, Send carries more fragments, Receive returns what the
 * session sent on `stdout` (a long poll, the TimedOut fault when nothing came), the ctrl_c Signal
 * stops a pipeline, Delete closes the session. The PSRP messages themselves are never read here.
 */
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { assertNever } from '../../../remoting/errors.js';
import type { RemotingLogger } from '../../../remoting/transport/logger.js';
import { PowerShellResourceUriPrefix, WsmanPsrp } from '../../../remoting/psrp/constants.js';
import type { OutOfProcessPsrpTransport } from '../../../remoting/psrp/out-of-process-transport.js';
import { Namespace } from '../../../remoting/wsman/constants.js';
import { child, children, textOf } from '../../../remoting/wsman/parse.js';
import { element } from '../../../remoting/wsman/xml.js';
import { WinrsFault } from './faults.js';
import type { WsmanRequest } from './request.js';
import type { RequestContext, WinrsReply, WinrsService } from './winrs-service.js';

export interface PsrpSessions {
  /** A new session of the configuration, or undefined when the node has no such configuration. */
  connect(configurationName: string): OutOfProcessPsrpTransport | undefined;
}

export interface PsrpServiceOptions {
  readonly sessions: PsrpSessions;
  readonly operationTimeoutMaxMs: number;
  readonly logger: RemotingLogger;
}

interface PsrpShell {
  readonly id: string;
  readonly owner: string;
  readonly resourceUri: string;
  readonly session: OutOfProcessPsrpTransport;
  /** Pipelines started here: the session's Close waits until each is closed. */
  readonly pipelines: Set<string>;
}

export const isPowerShellResourceUri = (uri: string | undefined): boolean => uri?.startsWith(PowerShellResourceUriPrefix) ?? false;

const rsp = (local: string) => `rsp:${local}`;
const shellElement = (body: Element, local: string) => child(body, Namespace.shell, local);
const guid = (text: string | null | undefined) => (text && /^[0-9A-Fa-f-]{36}$/.test(text) ? text.toLowerCase() : undefined);

function createdResponse(shell: PsrpShell, address: string): string {
  return element('x:ResourceCreated', {}, [
    element('a:Address', {}, { text: address }),
    element('a:ReferenceParameters', {}, [
      element('w:ResourceURI', {}, { text: shell.resourceUri }),
      element('w:SelectorSet', {}, [element('w:Selector', { Name: 'ShellId' }, { text: shell.id })]),
    ]),
  ]);
}

/** Closes the pipelines (WS-Man has no message for that: a pipeline ends with its command), then the session. */
async function closeSession(shell: PsrpShell): Promise<void> {
  for (const id of shell.pipelines) await shell.session.closePipeline(id).catch(() => undefined);
  await shell.session.close().catch(() => undefined);
}

export function createPsrpService(options: PsrpServiceOptions): WinrsService & { close(): Promise<void> } {
  const shells = new Map<string, PsrpShell>();

  function shellOf(request: WsmanRequest, user: string): PsrpShell {
    const shell = shells.get((request.selectors.get('ShellId') ?? '').toUpperCase());
    if (!shell || shell.owner !== user || shell.resourceUri !== request.resourceUri) throw new WinrsFault('shellNotFound');
    if (shell.session.isBroken()) {
      shells.delete(shell.id);
      throw new WinrsFault('shellNotFound');
    }
    return shell;
  }

  async function create(request: WsmanRequest, context: RequestContext): Promise<string> {
    const configurationName = (request.resourceUri ?? '').slice(PowerShellResourceUriPrefix.length);
    const body = shellElement(request.body, 'Shell');
    const creation = body ? children(body, WsmanPsrp.creationXmlNamespace, 'creationXml')[0] : undefined;
    if (!body || !creation) throw new WinrsFault('schemaValidation');
    const session = options.sessions.connect(configurationName);
    if (!session) throw new WinrsFault('invalidResourceUri');
    const id = (guid(body.getAttribute('ShellId')) ?? randomUUID()).toUpperCase();
    const shell: PsrpShell = { id, owner: context.user, resourceUri: request.resourceUri ?? '', session, pipelines: new Set() };
    try {
      await session.openPool(id, [Buffer.from(textOf(creation) ?? '', 'base64')]);
    } catch (error) {
      await session.close().catch(() => undefined);
      options.logger.error({ configurationName, error: (error as Error).name }, 'the PowerShell session did not open');
      throw new WinrsFault('providerFailure');
    }
    shells.set(id, shell);
    options.logger.debug({ user: context.user, shellId: id, configurationName }, 'PowerShell session created');
    return createdResponse(shell, context.address);
  }

  async function command(request: WsmanRequest, user: string): Promise<string> {
    const shell = shellOf(request, user);
    const line = shellElement(request.body, 'CommandLine');
    const id = guid(line?.getAttribute('CommandId'));
    if (!line || !id) throw new WinrsFault('schemaValidation');
    const argument = textOf(child(line, Namespace.shell, 'Arguments')) ?? '';
    shell.pipelines.add(id);
    await shell.session.createPipeline(id, [Buffer.from(argument, 'base64')]);
    return element(rsp('CommandResponse'), {}, [element(rsp('CommandId'), {}, { text: id.toUpperCase() })]);
  }

  async function send(request: WsmanRequest, user: string): Promise<string> {
    const shell = shellOf(request, user);
    const streams = children(shellElement(request.body, 'Send') ?? request.body, Namespace.shell, 'Stream');
    if (streams.length === 0) throw new WinrsFault('schemaValidation');
    for (const stream of streams) {
      const data = Buffer.from(textOf(stream) ?? '', 'base64');
      const id = guid(stream.getAttribute('CommandId'));
      await (id ? shell.session.sendPipeline(id, [data]) : shell.session.sendPool([data]));
    }
    return element(rsp('SendResponse'));
  }

  async function receive(request: WsmanRequest, context: RequestContext): Promise<string> {
    const shell = shellOf(request, context.user);
    const desired = child(shellElement(request.body, 'Receive') ?? request.body, Namespace.shell, 'DesiredStream');
    const id = guid(desired?.getAttribute('CommandId'));
    const waitMs = Math.min(request.operationTimeoutMs, options.operationTimeoutMaxMs);
    const signals = [AbortSignal.timeout(waitMs), ...(context.signal ? [context.signal] : [])];
    let chunks: Buffer[];
    try {
      chunks = await shell.session.receive(id, AbortSignal.any(signals));
    } catch {
      shells.delete(shell.id);
      throw new WinrsFault('shellNotFound');
    }
    if (chunks.length === 0) throw new WinrsFault('timedOut');
    const attributes = { Name: WsmanPsrp.outputStreams, ...(id ? { CommandId: id.toUpperCase() } : {}) };
    return element(rsp('ReceiveResponse'), {}, chunks.map((c) => element(rsp('Stream'), attributes, { text: c.toString('base64') })));
  }

  async function signal(request: WsmanRequest, user: string): Promise<string> {
    const shell = shellOf(request, user);
    const body = shellElement(request.body, 'Signal');
    const id = guid(body?.getAttribute('CommandId'));
    const code = body ? textOf(child(body, Namespace.shell, 'Code')) : undefined;
    if (!id || code !== WsmanPsrp.stopSignal) throw new WinrsFault('invalidParameter');
    await shell.session.stopPipeline(id);
    return element(rsp('SignalResponse'));
  }

  return {
    async handle(request, context): Promise<WinrsReply> {
      const { action } = request;
      if (!action || action === 'fault') throw new WinrsFault('actionNotSupported');
      const reply = (body: string): WinrsReply => ({ action: `${request.actionUri}Response`, body });
      switch (action) {
        case 'create':
          return reply(await create(request, context));
        case 'command':
          return reply(await command(request, context.user));
        case 'send':
          return reply(await send(request, context.user));
        case 'receive':
          return reply(await receive(request, context));
        case 'signal':
          return reply(await signal(request, context.user));
        case 'delete': {
          const shell = shellOf(request, context.user);
          shells.delete(shell.id);
          await closeSession(shell);
          return reply('');
        }
        case 'get':
          throw new WinrsFault('actionNotSupported');
        default:
          return assertNever(action);
      }
    },
    async close() {
      const open = [...shells.values()];
      shells.clear();
      await Promise.all(open.map(closeSession));
    },
  };
}

