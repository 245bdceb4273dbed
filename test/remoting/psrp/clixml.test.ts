/** CLIXML ([MS-PSRP] 2.2.5) both ways, real Windows objects read, and bombs refused. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, deserializeDocument } from '../../../src/remoting/psrp/clixml/deserialize.js';
import { serialize } from '../../../src/remoting/psrp/clixml/serialize.js';
import { PsEnum, PsInteger, PsObject, psCustomObject, psEnum, toPlain } from '../../../src/remoting/psrp/clixml/value.js';
import { ClixmlLimitError, ClixmlMalformedError, UnserializableValueError } from '../../../src/remoting/psrp/errors.js';
import { readErrorRecord, readProgress } from '../../../src/remoting/psrp/records.js';
import { decodePayload, GuidNames } from './psrp-shape.js';
import { fixturesDir, readRecording } from '../wsman/helpers/recordings.js';

test('primitives, lists, hashtables, PSCustomObject, enums and dates survive a round trip', () => {
  const when = new Date('2026-12-02T10:00:00.123Z');
  const value = new Map<unknown, unknown>([
    ['s', 'a <b> & "c" _x000A_ \n\t😀'],
    ['i', 42],
    ['big', 2n ** 60n],
    ['d', 0.25],
    ['b', false],
    ['n', null],
    ['list', [1, 'two', [3]]],
    ['when', when],
    ['obj', psCustomObject({ Name: 'vm42', State: psEnum('Microsoft.HyperV.PowerShell.VMState', 'Running', 2) })],
    ['u16', new PsInteger('U16', 7)],
  ]);
  const back = deserialize(serialize(value as never)) as PsObject;
  expect(back.typeNames[0]).toBe('System.Collections.Hashtable');
  const entries = back.entries!;
  expect(entries.get('s')).toBe('a <b> & "c" _x000A_ \n\t😀');
  expect(entries.get('i')).toBe(42);
  expect(entries.get('big')).toBe(2n ** 60n);
  expect(entries.get('d')).toBe(0.25);
  expect(entries.get('b')).toBe(false);
  expect(entries.get('n')).toBeNull();
  expect(toPlain(entries.get('list')!)).toEqual([1, 'two', [3]]);
  expect((entries.get('when') as Date).toISOString()).toBe(when.toISOString());
  const obj = entries.get('obj') as PsObject;
  expect(obj.isA('System.Management.Automation.PSCustomObject')).toBe(true);
  expect(obj.get('Name')).toBe('vm42');
  expect(obj.get('State')).toEqual(new PsEnum(['Microsoft.HyperV.PowerShell.VMState', 'System.Enum', 'System.ValueType', 'System.Object'], 'Running', 2));
  expect(entries.get('u16')).toBe(7);
});

test('values that cannot be PowerShell objects are refused by name', () => {
  const cycle: unknown[] = [];
  cycle.push(cycle);
  expect(() => serialize(cycle as never)).toThrow(UnserializableValueError);
  expect(() => serialize((() => 1) as never)).toThrow(UnserializableValueError);
  expect(() => serialize(new (class Foo {})() as never)).toThrow(/Foo/);
});

test('an ErrorRecord recorded on Windows reads with its FullyQualifiedErrorId, category and target', () => {
  const jea = readRecording('psrp/test_psrp_with_jea_configuration.yml');
  const payloads = [...jea[7]!.response.matchAll(/<rsp:Stream Name="stdout"[^>]*>([^<]+)</g)].map((m) => m[1]!);
  const messages = payloads.flatMap((p) => decodePayload(p, new GuidNames()) as Array<{ type: string }>);
  expect(messages.map((m) => m.type)).toEqual(['ERROR_RECORD', 'PIPELINE_STATE']);
  const payload = payloads[0]!;
  const raw = Buffer.from(payload, 'base64');
  const first = raw.subarray(21 + 40 + 3, 21 + raw.readUInt32BE(17)).toString('utf8');
  expect(readErrorRecord(deserialize(first))).toEqual({
    message: "Cannot find a provider with the name 'FileSystem'.",
    fullyQualifiedErrorId: 'ProviderNotFound,Microsoft.PowerShell.Commands.GetItemCommand',
    category: 'ObjectNotFound',
    reason: 'ProviderNotFoundException',
    targetName: 'FileSystem',
    targetObject: 'FileSystem',
    exceptionType: 'System.Management.Automation.ProviderNotFoundException',
  });
});

test('a real CLIXML document from Windows (powershell.exe stderr) reads as its objects', () => {
  const xml = readFileSync(join(fixturesDir, 'pypsrp', 'test_sanitise_clixml_with_error.xml'), 'utf8').replace(/^#< CLIXML\r?\n/, '');
  const objects = deserializeDocument(xml);
  expect(objects.length).toBeGreaterThan(1);
  expect(objects.filter((o) => typeof o === 'string').join('')).toContain('fake cmdlet');
  const progress = objects[0] as PsObject;
  expect(readProgress(progress.get('Record')!)).toMatchObject({ activity: 'Preparing modules for first use.', recordType: 'Completed', percentComplete: -1 });
});

test('a CLIXML bomb is refused: too deep, too large, too many nodes, or with entities', () => {
  const deep = '<Obj RefId="0"><LST>'.repeat(200) + '</LST></Obj>'.repeat(200);
  expect(() => deserialize(deep)).toThrow(ClixmlLimitError);
  expect(() => deserialize(deep)).toThrow(expect.objectContaining({ code: 'clixml-too-deep' }));
  expect(() => deserialize(`<S>${'x'.repeat(2000)}</S>`, { maxChars: 1000, maxDepth: 10, maxNodes: 10 })).toThrow(expect.objectContaining({ code: 'clixml-too-large', limit: 'size' }));
  const wide = `<Obj RefId="0"><LST>${'<I32>1</I32>'.repeat(100)}</LST></Obj>`;
  expect(() => deserialize(wide, { maxChars: 100000, maxDepth: 10, maxNodes: 50 })).toThrow(expect.objectContaining({ limit: 'nodes' }));
  expect(() => deserialize('<!DOCTYPE x [<!ENTITY a "aaaa">]><S>&a;</S>')).toThrow(ClixmlMalformedError);
  expect(() => deserialize('<Bogus/>')).toThrow(ClixmlMalformedError);
});
