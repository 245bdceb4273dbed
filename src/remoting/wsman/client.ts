/**
 * @module wsman/client: one WS-Management request/response over a transport: builds the
 * envelope, sends it, turns SOAP faults into typed errors and other statuses into
 * HttpStatusError, and checks that the answer relates to the request.
 */
import { randomUUID } from 'node:crypto';
import { HttpStatusError, RemotingConfigError } from '../errors.js';
import { silentLogger, type RemotingLogger } from '../transport/logger.js';
import type { SoapReply, WsmanTransport } from '../transport/types.js';
import { Action, DefaultMaxEnvelopeSize, DefaultOperationTimeoutMs, type ActionName } from './constants.js';
import { buildEnvelope, newMessageId, type WsmanOption } from './envelope.js';
import { readFault } from './fault.js';
import { checkRelatesTo, parseMessage, type WsmanMessage } from './parse.js';

export interface WsmanClientOptions {
  readonly transport: WsmanTransport;
  /** OperationTimeout of each request unless the call sets its own; 20 s by default. */
  readonly operationTimeoutMs?: number;
  /** HTTP read timeout; must exceed the operation timeout. Default: operation timeout + 10 s. */
  readonly httpReadTimeoutMs?: number;
  /** Largest response the server may send ([MS-WSMV] 3.1.4.1.7); 153600 by default. */
  readonly maxEnvelopeSize?: number;
  readonly locale?: string;
  readonly logger?: RemotingLogger;
}

export interface InvokeOptions {
  readonly action: ActionName;
  readonly resourceUri: string;
  readonly selectors?: Readonly<Record<string, string>>;
  readonly options?: readonly WsmanOption[];
  readonly body?: string;
  /** This request's OperationTimeout (a Receive near the caller's deadline asks for less). */
  readonly operationTimeoutMs?: number;
  /** This request's MaxEnvelopeSize (PSRP raises it once the server's protocol version allows). */
  readonly maxEnvelopeSize?: number;
  readonly signal?: AbortSignal;
}

export interface WsmanClient {
  readonly url: string;
  readonly maxEnvelopeSize: number;
  readonly operationTimeoutMs: number;
  invoke(options: InvokeOptions): Promise<WsmanMessage>;
  /** The envelope `invoke` would send, for size calculations. */
  envelope(options: InvokeOptions, messageId?: string): string;
  close(): void;
}

const statusHints: Readonly<Record<number, string>> = {
  400: 'the server could not read the request (with NTLM over HTTP: an encrypted message reached a connection that was not authenticated)',
  404: 'there is no WS-Management service at this path; the URL normally ends in /wsman',
  405: 'there is no WS-Management service at this path; the URL normally ends in /wsman',
  413: 'the request is larger than the server accepts (MaxEnvelopeSizekb)',
  500: 'the server failed without a SOAP fault; over plain HTTP Windows answers this way to unencrypted messages when AllowUnencrypted is false',
  503: 'the WinRM service is not available (starting, stopping or overloaded)',
};

function decode(reply: SoapReply): string {
  return /charset\s*=\s*"?utf-16/i.test(reply.contentType) ? reply.body.toString('utf16le') : reply.body.toString('utf8');
}

function isSoap(reply: SoapReply): boolean {
  return reply.body.length > 0 && /soap\+xml|text\/xml/i.test(reply.contentType);
}

export interface WsmanClientSettings {
  readonly operationTimeoutMs: number;
  readonly httpReadTimeoutMs: number;
  readonly maxEnvelopeSize: number;
}

/** Fills in defaults and refuses settings that cannot work. */
export function resolveClientSettings(options: Omit<WsmanClientOptions, 'transport'>): WsmanClientSettings {
  const operationTimeoutMs = options.operationTimeoutMs ?? DefaultOperationTimeoutMs;
  const httpReadTimeoutMs = options.httpReadTimeoutMs ?? operationTimeoutMs + 10000;
  const maxEnvelopeSize = options.maxEnvelopeSize ?? DefaultMaxEnvelopeSize;
  if (!(operationTimeoutMs >= 1000)) throw new RemotingConfigError('operationTimeoutMs', 'must be at least 1000 ms');
  if (!(httpReadTimeoutMs > operationTimeoutMs)) {
    throw new RemotingConfigError('httpReadTimeoutMs', 'must be longer than the operation timeout, or every long poll fails');
  }
  if (!(maxEnvelopeSize >= 8192)) throw new RemotingConfigError('maxEnvelopeSize', 'WinRM refuses values under 8192');
  return { operationTimeoutMs, httpReadTimeoutMs, maxEnvelopeSize };
}

export function createWsmanClient(options: WsmanClientOptions): WsmanClient {
  const { transport } = options;
  const logger = options.logger ?? silentLogger;
  const { operationTimeoutMs, httpReadTimeoutMs, maxEnvelopeSize } = resolveClientSettings(options);
  const margin = httpReadTimeoutMs - operationTimeoutMs;
  const sessionId = `uuid:${randomUUID().toUpperCase()}`;

  const envelope = (o: InvokeOptions, messageId = newMessageId()) =>
    buildEnvelope({
      to: transport.url,
      action: Action[o.action],
      resourceUri: o.resourceUri,
      messageId,
      sessionId,
      maxEnvelopeSize: o.maxEnvelopeSize ?? maxEnvelopeSize,
      operationTimeoutMs: o.operationTimeoutMs ?? operationTimeoutMs,
      locale: options.locale,
      selectors: o.selectors,
      options: o.options,
      body: o.body,
    });

  async function invoke(o: InvokeOptions): Promise<WsmanMessage> {
    const messageId = newMessageId();
    const soap = Buffer.from(envelope(o, messageId), 'utf8');
    const timeoutMs = (o.operationTimeoutMs ?? operationTimeoutMs) + margin;
    logger.debug({ action: o.action, messageId, bytes: soap.length }, 'wsman request');
    const reply = await transport.send(soap, { timeoutMs, signal: o.signal });
    if (reply.status !== 200 && !isSoap(reply)) {
      throw new HttpStatusError(reply.status, transport.url, statusHints[reply.status] ?? '');
    }
    const message = parseMessage(decode(reply));
    const fault = readFault(message);
    if (fault) {
      // Some faults (WinRb's quota sample) carry no RelatesTo; when one is there it must match.
      if (message.relatesTo !== undefined) checkRelatesTo(message, messageId);
      throw fault;
    }
    if (reply.status !== 200) throw new HttpStatusError(reply.status, transport.url, statusHints[reply.status] ?? '');
    checkRelatesTo(message, messageId);
    return message;
  }

  return {
    url: transport.url,
    maxEnvelopeSize,
    operationTimeoutMs,
    invoke,
    envelope,
    close: () => transport.close(),
  };
}
