/**
 * @module winrm-server/envelope: the response envelope as Windows writes it: `s:Envelope` with
 * `xml:lang`, an Action, a fresh MessageID, the anonymous To, and RelatesTo = the request's
 * MessageID ([MS-WSMV] 3.1.4.1; WS-Addressing).
 */
import { AnonymousAddress } from '../../../remoting/wsman/constants.js';
import { newMessageId } from '../../../remoting/wsman/envelope.js';
import { element } from '../../../remoting/wsman/xml.js';
import { ResponsePrefix } from './constants.js';

export interface ResponseEnvelopeOptions {
  /** The wsa:Action of the response (`…/CreateResponse`, the fault action, …). */
  readonly action: string;
  /** The request's wsa:MessageID; absent when the request had none that could be read. */
  readonly relatesTo: string | undefined;
  /** Markup of the body's children (built with wsman/xml). */
  readonly body: string;
}

const namespaces = Object.fromEntries(Object.entries(ResponsePrefix).map(([prefix, uri]) => [`xmlns:${prefix}`, uri]));

export function buildResponseEnvelope(o: ResponseEnvelopeOptions): string {
  const header = element('s:Header', {}, [
    element('a:Action', {}, { text: o.action }),
    element('a:MessageID', {}, { text: newMessageId() }),
    element('a:To', {}, { text: AnonymousAddress }),
    ...(o.relatesTo ? [element('a:RelatesTo', {}, { text: o.relatesTo })] : []),
  ]);
  const body = o.body ? `<s:Body>${o.body}</s:Body>` : '<s:Body/>';
  return element('s:Envelope', { 'xml:lang': 'en-US', ...namespaces }, [header, body]);
}
