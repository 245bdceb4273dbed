/**
 * @module kerberos/keytab: reads a keytab file (MIT and `ktpass` write the same format, version
 * 0x0502, big-endian): the service's long-term keys by principal, key version and encryption type.
 */
import { KerberosError, malformed } from './errors.js';
import type { EncryptionKey } from './crypto.js';
import type { Principal } from './principal.js';

export interface KeytabEntry {
  readonly principal: Principal;
  readonly kvno: number;
  readonly key: EncryptionKey;
}

function readEntry(e: Buffer): KeytabEntry {
  let o = 0;
  const need = (n: number) => {
    if (o + n > e.length) throw malformed('keytab entry ends early');
  };
  const u16 = () => (need(2), (o += 2), e.readUInt16BE(o - 2));
  const u32 = () => (need(4), (o += 4), e.readUInt32BE(o - 4));
  const str = () => {
    const n = u16();
    need(n);
    o += n;
    return e.subarray(o - n, o).toString('utf8');
  };
  const count = u16();
  const realm = str();
  const components: string[] = [];
  for (let i = 0; i < count; i++) components.push(str());
  const nameType = u32();
  u32(); // timestamp
  need(1);
  let kvno = e.readUInt8(o++);
  const etype = u16();
  const length = u16();
  need(length);
  const value = Buffer.from(e.subarray(o, o + length));
  o += length;
  if (e.length - o >= 4) {
    const wide = e.readUInt32BE(o);
    if (wide !== 0) kvno = wide;
  }
  return { principal: { nameType, components, realm }, kvno, key: { etype, value } };
}

export function parseKeytab(buf: Buffer): KeytabEntry[] {
  if (buf.length < 2 || buf.readUInt16BE(0) !== 0x0502) throw new KerberosError('keytab', 'not a keytab file (version 0x0502 expected)');
  const entries: KeytabEntry[] = [];
  for (let o = 2; o + 4 <= buf.length; ) {
    const size = buf.readInt32BE(o);
    o += 4;
    if (o + Math.abs(size) > buf.length) throw malformed('keytab entry runs past the end');
    if (size > 0) entries.push(readEntry(buf.subarray(o, o + size)));
    o += Math.abs(size);
  }
  return entries;
}
