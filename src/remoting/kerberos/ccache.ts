/**
 * @module kerberos/ccache: reads the credentials cache that MIT's kinit and kvno write (FILE:
 * format version 4, big-endian: a header, the default principal, then credentials one after the
 * other), so the bot uses the tickets the MIT tools got from the KDC.
 */
import { KerberosError, malformed } from './errors.js';
import type { EncryptionKey } from './crypto.js';
import type { Principal } from './principal.js';

export interface CachedCredential {
  readonly client: Principal;
  readonly server: Principal;
  readonly key: EncryptionKey;
  readonly authTime: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly renewTill: number;
  /** The Ticket, DER, as the KDC issued it. */
  readonly ticket: Buffer;
}

export interface CredentialCache {
  readonly principal: Principal;
  readonly credentials: readonly CachedCredential[];
}

class Reader {
  offset = 0;
  constructor(private readonly buf: Buffer) {}
  need(n: number) {
    if (this.offset + n > this.buf.length) throw malformed('credentials cache ends early');
  }
  u8() { this.need(1); return this.buf.readUInt8(this.offset++); }
  u16() { this.need(2); const v = this.buf.readUInt16BE(this.offset); this.offset += 2; return v; }
  u32() { this.need(4); const v = this.buf.readUInt32BE(this.offset); this.offset += 4; return v; }
  bytes(n: number) { this.need(n); const v = this.buf.subarray(this.offset, this.offset + n); this.offset += n; return Buffer.from(v); }
  data() { return this.bytes(this.u32()); }
  get done() { return this.offset >= this.buf.length; }
  principal(): Principal {
    const nameType = this.u32();
    const count = this.u32();
    const realm = this.data().toString('utf8');
    const components: string[] = [];
    for (let i = 0; i < count; i++) components.push(this.data().toString('utf8'));
    return { nameType, components, realm };
  }
}

const seconds = (s: number) => s * 1000;

/** Parses a version 4 (0x0504) ccache; its configuration entries (X-CACHECONF:) are left out. */
export function parseCredentialCache(buf: Buffer): CredentialCache {
  const r = new Reader(buf);
  const version = r.u16();
  if (version !== 0x0504) throw new KerberosError('malformed', `credentials cache version 0x${version.toString(16)}, expected 0x0504`);
  r.bytes(r.u16()); // header tags (KDC time offset)
  const principal = r.principal();
  const credentials: CachedCredential[] = [];
  while (!r.done) {
    const client = r.principal();
    const server = r.principal();
    const etype = r.u16();
    const key = { etype, value: r.data() };
    const [authTime, startTime, endTime, renewTill] = [r.u32(), r.u32(), r.u32(), r.u32()];
    r.u8(); // is_skey
    r.u32(); // ticket flags
    for (let n = r.u32(); n > 0; n--) { r.u16(); r.data(); } // addresses
    for (let n = r.u32(); n > 0; n--) { r.u16(); r.data(); } // authdata
    const ticket = r.data();
    r.data(); // second ticket
    if (server.realm === 'X-CACHECONF:') continue;
    credentials.push({ client, server, key, authTime: seconds(authTime), startTime: seconds(startTime || authTime), endTime: seconds(endTime), renewTill: seconds(renewTill), ticket });
  }
  return { principal, credentials };
}
