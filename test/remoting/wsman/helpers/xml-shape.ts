/**
 * @module test helper: XML compared by meaning: namespace URIs and local names instead of
 * prefixes, attributes as a map, header entries in any order, the values that are unique per
 * request (MessageID, SessionId) and the endpoint (wsa:To) replaced by placeholders.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export interface Shape {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly children: readonly Shape[];
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const placeholders: Readonly<Record<string, string>> = {
  '{http://schemas.xmlsoap.org/ws/2004/08/addressing}MessageID': '<message-id>',
  '{http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd}SessionId': '<session-id>',
  '{http://schemas.xmlsoap.org/ws/2004/08/addressing}To': '<endpoint>',
};

function shapeOfElement(element: Element): Shape {
  const name = `{${element.namespaceURI ?? ''}}${element.localName}`;
  const attributes: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes.item(i);
    if (!a || a.namespaceURI === XMLNS || a.name === 'xmlns') continue;
    attributes[a.namespaceURI ? `{${a.namespaceURI}}${a.localName}` : (a.localName ?? a.name)] = a.value;
  }
  const children: Shape[] = [];
  for (let i = 0; i < element.childNodes.length; i++) {
    const node = element.childNodes.item(i);
    if (node && node.nodeType === 1) children.push(shapeOfElement(node as Element));
  }
  const placeholder = placeholders[name];
  if (children.length > 0) {
    const ordered = name === `{${SOAP}}Header` ? [...children].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : children;
    return { name, attributes, children: ordered };
  }
  return { name, attributes, text: placeholder ?? element.textContent ?? '', children };
}

export function shapeOf(xml: string): Shape {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  if (!document.documentElement) throw new Error('not XML');
  return shapeOfElement(document.documentElement);
}
