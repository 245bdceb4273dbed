/**
 * @module test helper: PSRP requests compared by meaning: the WS-Man envelope's shape (see
 * xml-shape), with every GUID (shell, command, runspace pool and pipeline ids) replaced by its
 * order of appearance, and base64 fragment payloads decoded into their messages: destination,
 * type and the CLIXML object as plain data.
 */
import { deserialize } from '../../../src/remoting/psrp/clixml/deserialize.js';
import { toPlain } from '../../../src/remoting/psrp/clixml/value.js';
import { describeType } from '../../../src/remoting/psrp/message.js';
import { decodeMessage } from '../../../src/remoting/psrp/message.js';
import { Reassembler } from '../../../src/remoting/psrp/fragment.js';
import { shapeOf, type Shape } from '../wsman/helpers/xml-shape.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAYLOAD_ELEMENTS = /\}(creationXml|Arguments|Stream)$/;

function swapOrder(guid: string): string {
  const hex = guid.replace(/-/g, '');
  const rev = (from: number, to: number) => (hex.slice(from, to).match(/../g) ?? []).reverse().join('');
  const out = rev(0, 8) + rev(8, 12) + rev(12, 16) + hex.slice(16);
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

export class GuidNames {
  private readonly names = new Map<string, string>();
  /** A GUID written in the other byte order (pypsrp writes RPID/PID big-endian) is the same GUID. */
  name(guid: string): string {
    const key = guid.toLowerCase();
    const swapped = swapOrder(key);
    if (!this.names.has(key) && this.names.has(swapped)) return this.names.get(swapped) ?? '';
    if (key === '00000000-0000-0000-0000-000000000000') return '<empty-guid>';
    if (!this.names.has(key)) this.names.set(key, `<guid-${this.names.size}>`);
    return this.names.get(key) ?? '';
  }
}

export function decodePayload(base64: string, guids: GuidNames): unknown[] {
  const messages = new Reassembler().push(Buffer.from(base64, 'base64')).map(decodeMessage);
  return messages.map((m) => ({
    destination: m.destination,
    type: describeType(m.type),
    runspacePoolId: guids.name(m.runspacePoolId),
    pipelineId: guids.name(m.pipelineId),
    data: toPlain(deserialize(m.data)),
  }));
}

function normalise(shape: Shape, guids: GuidNames): unknown {
  const attributes = Object.fromEntries(Object.entries(shape.attributes).map(([k, v]) => [k, GUID.test(v) ? guids.name(v) : v]));
  const text = shape.text === undefined ? undefined : GUID.test(shape.text) ? guids.name(shape.text) : shape.text;
  const payload = text && PAYLOAD_ELEMENTS.test(shape.name) && /^[A-Za-z0-9+/=]{28,}$/.test(text) ? decodePayload(text, guids) : text;
  return { name: shape.name, attributes, text: payload, children: shape.children.map((c) => normalise(c, guids)) };
}

/** One request or response as comparable data; GUID names are shared across a whole exchange. */
export function psrpShapeOf(xml: string, guids: GuidNames): unknown {
  // Name the envelope's GUIDs in document order first (ShellId, CommandId), so that the pool and
  // pipeline ids inside the payloads (the same GUIDs) get the same names on both sides.
  for (const m of xml.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)) guids.name(m[0]);
  return normalise(shapeOf(xml), guids);
}
