/**
 * @module winrm-server/request: reads a WS-Management request the way the client reads
 * responses (namespace URI and local name, never prefixes): Action, MessageID, ResourceURI,
 * OperationTimeout, MaxEnvelopeSize, SelectorSet and OptionSet of the header ([MS-WSMV] 3.1.4.1).
 */
import type { Element } from '@xmldom/xmldom';
import { WsmanProtocolError } from '../../../remoting/errors.js';
import { Action, DefaultMaxEnvelopeSize, DefaultOperationTimeoutMs, Namespace, type ActionName } from '../../../remoting/wsman/constants.js';
import { child, children, parseMessage, textOf } from '../../../remoting/wsman/parse.js';
import { WinrsFault } from './faults.js';

export interface WsmanRequest {
  /** The action, when it is one this server knows. */
  readonly action: ActionName | undefined;
  readonly actionUri: string;
  readonly messageId: string;
  readonly resourceUri: string | undefined;
  readonly operationTimeoutMs: number;
  readonly maxEnvelopeSize: number;
  /** wsman:Selector values by Name. */
  readonly selectors: ReadonlyMap<string, string>;
  /** wsman:Option values by Name (names upper-cased: Windows compares them without case). */
  readonly options: ReadonlyMap<string, string>;
  readonly body: Element;
}

/** The MessageID of a request that may not parse as a whole, for RelatesTo on its fault. */
export function peekMessageId(xml: string): string | undefined {
  return /<(?:\w+:)?MessageID[^>]*>\s*([^<\s]+)\s*</.exec(xml)?.[1];
}

/**
 * xs:duration as clients send it (`PT20S`, `PT2.500S`, `P0DT0H1M0S`), in ms; undefined if it
 * is not one. Years and months are refused (no fixed length).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60000 + Number(s) * 1000);
}

function named(set: Element | undefined, ns: string, local: string, upper: boolean): Map<string, string> {
  const result = new Map<string, string>();
  for (const item of set ? children(set, ns, local) : []) {
    const name = item.getAttribute('Name') ?? '';
    result.set(upper ? name.toUpperCase() : name, textOf(item) ?? '');
  }
  return result;
}

const actionByUri = new Map<string, ActionName>(Object.entries(Action).map(([name, uri]) => [uri, name as ActionName]));

/** Parses a request envelope; throws WinrsFault (schemaValidation, invalidHeader) when it cannot. */
export function parseRequest(xml: string): WsmanRequest {
  let message;
  try {
    message = parseMessage(xml);
  } catch (error) {
    if (error instanceof WsmanProtocolError) throw new WinrsFault('schemaValidation');
    throw error;
  }
  const header = message.header;
  const messageId = header ? textOf(child(header, Namespace.addressing, 'MessageID')) : undefined;
  if (!header || !messageId || !message.action) throw new WinrsFault('invalidHeader');
  const field = (ns: string, local: string) => textOf(child(header, ns, local));
  const timeoutText = field(Namespace.wsman, 'OperationTimeout');
  const operationTimeoutMs = timeoutText === undefined ? DefaultOperationTimeoutMs : parseDuration(timeoutText);
  const envelopeText = field(Namespace.wsman, 'MaxEnvelopeSize');
  const maxEnvelopeSize = envelopeText === undefined ? DefaultMaxEnvelopeSize : Number(envelopeText);
  if (operationTimeoutMs === undefined || !Number.isInteger(maxEnvelopeSize) || maxEnvelopeSize <= 0) {
    throw new WinrsFault('invalidHeader');
  }
  return {
    action: actionByUri.get(message.action),
    actionUri: message.action,
    messageId,
    resourceUri: field(Namespace.wsman, 'ResourceURI'),
    operationTimeoutMs,
    maxEnvelopeSize,
    selectors: named(child(header, Namespace.wsman, 'SelectorSet'), Namespace.wsman, 'Selector', false),
    options: named(child(header, Namespace.wsman, 'OptionSet'), Namespace.wsman, 'Option', true),
    body: message.body,
  };
}
