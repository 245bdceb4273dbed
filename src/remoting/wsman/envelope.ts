/**
 * @module wsman/envelope: builds the SOAP 1.2 request envelope with the WS-Management header set
 * of [MS-WSMV] 3.1.4.1 (To, ReplyTo, Action, MaxEnvelopeSize, MessageID, Locale, DataLocale,
 * OperationTimeout, ResourceURI, SessionId, OptionSet, SelectorSet). Every value is escaped.
 */
import { randomUUID } from 'node:crypto';
import { AnonymousAddress, Prefix } from './constants.js';
import { element } from './xml.js';

/** One `wsman:Option` of the `wsman:OptionSet` header. */
export interface WsmanOption {
  readonly name: string;
  readonly value: string;
  readonly mustComply?: boolean;
}

export interface EnvelopeOptions {
  readonly to: string;
  readonly action: string;
  readonly resourceUri: string;
  /** `uuid:` + an upper-case GUID; see {@link newMessageId}. */
  readonly messageId: string;
  readonly sessionId?: string;
  readonly maxEnvelopeSize: number;
  readonly operationTimeoutMs: number;
  /** `xml:lang` of Locale and DataLocale; `en-US` unless given. */
  readonly locale?: string;
  readonly selectors?: Readonly<Record<string, string>>;
  readonly options?: readonly WsmanOption[];
  /** Markup of the body's children (built with wsman/xml), or nothing for an empty body. */
  readonly body?: string;
}

export function newMessageId(): string {
  return `uuid:${randomUUID().toUpperCase()}`;
}

/** xs:duration as WinRM reads it: `PT20S`, `PT2.500S`. [MS-WSMV] 3.1.4.1.6 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return Number.isInteger(seconds) ? `PT${seconds}S` : `PT${seconds.toFixed(3)}S`;
}

const mustUnderstand = (value: boolean) => ({ 's:mustUnderstand': String(value) });

function optionSet(options: readonly WsmanOption[]): string[] {
  if (options.length === 0) return [];
  const items = options.map((o) =>
    element('wsman:Option', { MustComply: o.mustComply ? 'true' : undefined, Name: o.name }, { text: o.value }),
  );
  return [element('wsman:OptionSet', mustUnderstand(true), items)];
}

function selectorSet(selectors: Readonly<Record<string, string>>): string[] {
  const items = Object.entries(selectors).map(([name, value]) => element('wsman:Selector', { Name: name }, { text: value }));
  return items.length ? [element('wsman:SelectorSet', {}, items)] : [];
}

function header(o: EnvelopeOptions): string {
  const lang = { ...mustUnderstand(false), 'xml:lang': o.locale ?? 'en-US' };
  const children = [
    element('wsa:Action', mustUnderstand(true), { text: o.action }),
    element('wsmv:DataLocale', lang),
    element('wsman:Locale', lang),
    element('wsman:MaxEnvelopeSize', mustUnderstand(true), { text: String(o.maxEnvelopeSize) }),
    element('wsa:MessageID', {}, { text: o.messageId }),
    element('wsman:OperationTimeout', {}, { text: formatDuration(o.operationTimeoutMs) }),
    element('wsa:ReplyTo', {}, [element('wsa:Address', mustUnderstand(true), { text: AnonymousAddress })]),
    element('wsman:ResourceURI', mustUnderstand(true), { text: o.resourceUri }),
    ...(o.sessionId ? [element('wsmv:SessionId', mustUnderstand(false), { text: o.sessionId })] : []),
    element('wsa:To', {}, { text: o.to }),
    ...optionSet(o.options ?? []),
    ...selectorSet(o.selectors ?? {}),
  ];
  return element('s:Header', {}, children);
}

export function buildEnvelope(o: EnvelopeOptions): string {
  const namespaces = Object.fromEntries(Object.entries(Prefix).map(([prefix, uri]) => [`xmlns:${prefix}`, uri]));
  return element('s:Envelope', namespaces, [header(o), element('s:Body', {}, o.body ? [o.body] : [])]);
}
