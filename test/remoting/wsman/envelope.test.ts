/** The request envelope: header set, escaping of every value, durations. */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { InvalidValueError } from '../../../src/remoting/errors.js';
import { Action, Namespace, ResourceUri } from '../../../src/remoting/wsman/constants.js';
import { buildEnvelope, formatDuration, newMessageId } from '../../../src/remoting/wsman/envelope.js';
import { element } from '../../../src/remoting/wsman/xml.js';

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

function first(doc: ReturnType<typeof parse>, ns: string, local: string): Element {
  const found = doc.getElementsByTagNameNS(ns, local).item(0);
  if (!found) throw new Error(`no ${local}`);
  return found;
}

const hostile = `a&b <c> "d" 'e' \r\n\tf ]]> \u00e9\u{1F600}`;

describe('buildEnvelope', () => {
  const messageId = newMessageId();
  const xml = buildEnvelope({
    to: 'https://node1:5986/wsman?x=1&y=2',
    action: Action.command,
    resourceUri: ResourceUri.cmd,
    messageId,
    maxEnvelopeSize: 153600,
    operationTimeoutMs: 20000,
    selectors: { ShellId: 'ABC' },
    options: [{ name: 'WINRS_SKIP_CMD_SHELL', value: 'False' }],
    body: element('rsp:CommandLine', {}, [element('rsp:Command', {}, { text: hostile }), element('rsp:Arguments', { Note: hostile }, { text: hostile })]),
  });
  const doc = parse(xml);

  it('carries the MS-WSMV header set', () => {
    expect(first(doc, Namespace.addressing, 'To').textContent).toBe('https://node1:5986/wsman?x=1&y=2');
    expect(first(doc, Namespace.addressing, 'Action').textContent).toBe(Action.command);
    expect(first(doc, Namespace.addressing, 'MessageID').textContent).toBe(messageId);
    expect(first(doc, Namespace.wsman, 'MaxEnvelopeSize').textContent).toBe('153600');
    expect(first(doc, Namespace.wsman, 'OperationTimeout').textContent).toBe('PT20S');
    expect(first(doc, Namespace.wsman, 'ResourceURI').textContent).toBe(ResourceUri.cmd);
    expect(first(doc, Namespace.wsman, 'Locale').getAttributeNS(Namespace.xml, 'lang')).toBe('en-US');
    expect(first(doc, Namespace.wsmv, 'DataLocale').getAttributeNS(Namespace.xml, 'lang')).toBe('en-US');
    expect(first(doc, Namespace.addressing, 'Address').textContent).toBe('http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous');
    expect(first(doc, Namespace.wsman, 'Selector').getAttribute('Name')).toBe('ShellId');
    expect(first(doc, Namespace.wsman, 'Option').getAttribute('Name')).toBe('WINRS_SKIP_CMD_SHELL');
    expect(messageId).toMatch(/^uuid:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('escapes text and attributes so that every character arrives as written', () => {
    expect(first(doc, Namespace.shell, 'Command').textContent).toBe(hostile);
    expect(first(doc, Namespace.shell, 'Arguments').textContent).toBe(hostile);
    expect(first(doc, Namespace.shell, 'Arguments').getAttribute('Note')).toBe(hostile);
  });

  it('refuses characters XML cannot carry instead of sending a broken envelope', () => {
    expect(() => element('rsp:Arguments', {}, { text: 'a\u0000b' })).toThrow(InvalidValueError);
    expect(() => element('rsp:Variable', { Name: 'x\u0007' }, { text: 'v' })).toThrow(InvalidValueError);
  });
});

test('durations are written the way WinRM reads them', () => {
  expect(formatDuration(20000)).toBe('PT20S');
  expect(formatDuration(60000)).toBe('PT60S');
  expect(formatDuration(2500)).toBe('PT2.500S');
});
