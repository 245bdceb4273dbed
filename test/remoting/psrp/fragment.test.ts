/** Fragments ([MS-PSRP] 2.2.4) and messages (2.2.1): split, joined, and refused when they break the rules. */
import { FragmentOutOfOrderError, FragmentTooLargeError, MalformedMessageError, MessageTooLargeError } from '../../../src/remoting/psrp/errors.js';
import { encodeFragment, fragmentMessage, Reassembler } from '../../../src/remoting/psrp/fragment.js';
import { bytesToGuid, decodeMessage, encodeMessage, guidToBytes } from '../../../src/remoting/psrp/message.js';

const message = Buffer.from('a'.repeat(1000) + 'é'.repeat(100));

test('a message split into fragments is joined back, even when the bytes arrive in odd pieces', () => {
  const fragments = fragmentMessage(7n, message, 64);
  expect(fragments).toHaveLength(Math.ceil(message.length / 64));
  const wire = Buffer.concat(fragments);
  const r = new Reassembler();
  const out: Buffer[] = [];
  for (let i = 0; i < wire.length; i += 13) out.push(...r.push(wire.subarray(i, i + 13)));
  expect(out).toEqual([message]);
});

test('the header is big-endian ObjectId, FragmentId, flags and length, as in [MS-PSRP] 2.2.4', () => {
  const f = encodeFragment({ objectId: 1n, fragmentId: 0n, start: true, end: true, blob: Buffer.from('xy') });
  expect(f.toString('hex')).toBe('0000000000000001' + '0000000000000000' + '03' + '00000002' + '7879');
});

test('a fragment out of order, a middle fragment first, or another object in between is refused', () => {
  const [first, second, third] = fragmentMessage(1n, message, 400);
  expect(() => new Reassembler().push(Buffer.concat([first!, third!]))).toThrow(FragmentOutOfOrderError);
  expect(() => new Reassembler().push(second!)).toThrow(FragmentOutOfOrderError);
  const other = fragmentMessage(2n, Buffer.from('x'), 10)[0]!;
  expect(() => new Reassembler().push(Buffer.concat([first!, other]))).toThrow(FragmentOutOfOrderError);
});

test('a fragment larger than the limit is refused from its header, before its bytes arrive', () => {
  const header = encodeFragment({ objectId: 3n, fragmentId: 0n, start: true, end: true, blob: Buffer.alloc(0) });
  header.writeUInt32BE(50 * 1024 * 1024, 17);
  const error = (() => {
    try {
      new Reassembler().push(header);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(FragmentTooLargeError);
  expect(error).toMatchObject({ code: 'fragment-too-large', length: 50 * 1024 * 1024 });
});

test('a message that grows past the limit over many small fragments is refused', () => {
  const r = new Reassembler({ maxFragmentBytes: 100, maxMessageBytes: 500 });
  expect(() => r.push(Buffer.concat(fragmentMessage(4n, message, 100)))).toThrow(MessageTooLargeError);
});

test('GUIDs go in .NET byte order and messages keep their header fields', () => {
  const guid = '3c44d114-8061-412a-9519-d25ba6d8977b';
  expect(guidToBytes(guid).toString('hex')).toBe('14d1443c6180' + '2a41' + '9519d25ba6d8977b');
  expect(bytesToGuid(guidToBytes(guid))).toBe(guid);
  const m = { destination: 'server' as const, type: 0x21006, runspacePoolId: guid, pipelineId: '00000000-0000-0000-0000-000000000001', data: '<S>é</S>' };
  expect(decodeMessage(encodeMessage(m))).toEqual(m);
  expect(() => decodeMessage(Buffer.alloc(10))).toThrow(MalformedMessageError);
});
