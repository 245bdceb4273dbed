/**
 * @module wsman/parse: reads WS-Management responses with a namespace-aware DOM. Elements are
 * matched by namespace URI and local name, never by prefix, so Windows (`s:`, `a:`, `w:`) and
 * OMI (`SOAP-ENV:`, `wsa:`, `wsman:`) responses read the same.
 */
import { DOMParser, onErrorStopParsing, type Document, type Element, type Node } from '@xmldom/xmldom';
import { RelatesToMismatchError, WsmanProtocolError } from '../errors.js';
import { CommandState, Namespace, ResponseLimits } from './constants.js';
import { checkXmlBounds } from './xml-scan.js';

export interface WsmanMessage {
  readonly document: Document;
  readonly header: Element | undefined;
  readonly body: Element;
  readonly action: string | undefined;
  readonly relatesTo: string | undefined;
}

const ELEMENT_NODE = 1;

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: Element): Element[] {
  const result: Element[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i);
    if (node && isElement(node)) result.push(node);
  }
  return result;
}

export function children(parent: Element, ns: string, local: string): Element[] {
  return childElements(parent).filter((e) => e.namespaceURI === ns && e.localName === local);
}

export function child(parent: Element, ns: string, local: string): Element | undefined {
  return children(parent, ns, local)[0];
}

/** The first element at this path of (namespace, local name) steps below `root`. */
export function path(root: Element, steps: ReadonlyArray<readonly [string, string]>): Element | undefined {
  let current: Element | undefined = root;
  for (const [ns, local] of steps) {
    if (!current) return undefined;
    current = child(current, ns, local);
  }
  return current;
}

/** First descendant (depth first, document order) with this namespace and local name. */
export function descendant(root: Element, ns: string, local: string): Element | undefined {
  for (const e of childElements(root)) {
    if (e.namespaceURI === ns && e.localName === local) return e;
    const found = descendant(e, ns, local);
    if (found) return found;
  }
  return undefined;
}

/** Text content, trimmed (OMI pretty-prints values across lines). */
export function textOf(element: Element | undefined): string | undefined {
  const text = element?.textContent;
  return text === null || text === undefined ? undefined : text.trim();
}

export function parseMessage(xml: string): WsmanMessage {
  if (/<!DOCTYPE/i.test(xml)) throw new WsmanProtocolError('the response contains a DOCTYPE, which SOAP forbids');
  checkXmlBounds(xml, {
    maxDepth: ResponseLimits.maxXmlDepth,
    maxElements: ResponseLimits.maxXmlElements,
    names: { depth: 'xml-depth', elements: 'xml-elements' },
  });
  let document: Document;
  try {
    document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml');
  } catch {
    throw new WsmanProtocolError('the response is not well-formed XML');
  }
  const envelope = document.documentElement;
  if (!envelope || envelope.namespaceURI !== Namespace.soap || envelope.localName !== 'Envelope') {
    throw new WsmanProtocolError('the response is not a SOAP 1.2 envelope');
  }
  const header = child(envelope, Namespace.soap, 'Header');
  const body = child(envelope, Namespace.soap, 'Body');
  if (!body) throw new WsmanProtocolError('the SOAP envelope has no Body');
  const address = (local: string) => (header ? textOf(child(header, Namespace.addressing, local)) : undefined);
  return { document, header, body, action: address('Action'), relatesTo: address('RelatesTo') };
}

/** WS-Addressing: a response's wsa:RelatesTo must equal the request's wsa:MessageID. */
export function checkRelatesTo(message: WsmanMessage, messageId: string): void {
  if (message.relatesTo?.toLowerCase() !== messageId.toLowerCase()) {
    throw new RelatesToMismatchError(messageId, message.relatesTo);
  }
}

/** ShellId of a CreateResponse: the SelectorSet of ResourceCreated, else the rsp:Shell element. */
export function readShellId(message: WsmanMessage): string {
  const selectorSet = path(message.body, [
    [Namespace.transfer, 'ResourceCreated'],
    [Namespace.addressing, 'ReferenceParameters'],
    [Namespace.wsman, 'SelectorSet'],
  ]);
  const selector = selectorSet
    ? children(selectorSet, Namespace.wsman, 'Selector').find((s) => s.getAttribute('Name') === 'ShellId')
    : undefined;
  const shellId = textOf(selector) || textOf(path(message.body, [[Namespace.shell, 'Shell'], [Namespace.shell, 'ShellId']]));
  if (!shellId) throw new WsmanProtocolError('the CreateResponse carries no ShellId');
  return shellId;
}

/** CommandId of a CommandResponse ([MS-WSMV] 3.1.4.11). */
export function readCommandId(message: WsmanMessage): string {
  const id = textOf(path(message.body, [[Namespace.shell, 'CommandResponse'], [Namespace.shell, 'CommandId']]));
  if (!id) throw new WsmanProtocolError('the CommandResponse carries no CommandId');
  return id;
}

/** One rsp:Stream element of a ReceiveResponse ([MS-WSMV] 2.2.4.40), decoded. */
export interface StreamChunk {
  readonly name: string;
  readonly commandId: string | undefined;
  readonly data: Buffer;
  readonly end: boolean;
}

export type CommandStateName = 'done' | 'running' | 'pending' | 'unknown';

export interface ReceiveResult {
  readonly chunks: readonly StreamChunk[];
  /** Absent when the response carried no rsp:CommandState. */
  readonly state: CommandStateName | undefined;
  readonly stateCommandId: string | undefined;
  /** rsp:ExitCode, present once the command is done. */
  readonly exitCode: number | undefined;
}

function stateName(uri: string | null): CommandStateName {
  switch (uri) {
    case CommandState.done:
      return 'done';
    case CommandState.running:
      return 'running';
    case CommandState.pending:
      return 'pending';
    default:
      return 'unknown';
  }
}

function readExitCode(state: Element): number | undefined {
  const text = textOf(child(state, Namespace.shell, 'ExitCode'));
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw new WsmanProtocolError(`the exit code "${text}" is not a number`);
  return Number(text);
}

/** A ReceiveResponse ([MS-WSMV] 2.2.4.27): streams as bytes, CommandState and ExitCode. */
export function readReceive(message: WsmanMessage): ReceiveResult {
  const response = child(message.body, Namespace.shell, 'ReceiveResponse');
  if (!response) throw new WsmanProtocolError('the response to Receive has no ReceiveResponse');
  const chunks = children(response, Namespace.shell, 'Stream').map((s) => ({
    name: s.getAttribute('Name') ?? '',
    commandId: s.getAttribute('CommandId') ?? undefined,
    data: Buffer.from(textOf(s) ?? '', 'base64'),
    end: (s.getAttribute('End') ?? '').toLowerCase() === 'true',
  }));
  const state = child(response, Namespace.shell, 'CommandState');
  return {
    chunks,
    state: state ? stateName(state.getAttribute('State')) : undefined,
    stateCommandId: state?.getAttribute('CommandId') ?? undefined,
    exitCode: state ? readExitCode(state) : undefined,
  };
}

/** `cfg:MaxEnvelopeSizekb` of a Get on the config resource, if present. */
export function readMaxEnvelopeSizeKb(message: WsmanMessage): number | undefined {
  const text = textOf(path(message.body, [[Namespace.config, 'Config'], [Namespace.config, 'MaxEnvelopeSizekb']]));
  return text && /^\d+$/.test(text) ? Number(text) : undefined;
}
