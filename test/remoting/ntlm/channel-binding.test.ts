/**
 * NTLM channel binding over HTTPS ([MS-NLMP] MsvAvChannelBindings, RFC 5929 tls-server-end-point):
 * the hash follows the certificate's signature algorithm (SHA-256 for SHA-1), our client sends it,
 * and a listener with CbtHardeningLevel Strict refuses a logon without it or bound to another
 * certificate, while Relaxed (Windows' default) refuses only the wrong one.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelBindingHash, createNtlmClientContext, createNtlmServerContext, NtlmError, tlsServerEndPoint } from '../../../src/remoting/ntlm/index.js';
import { signatureAlgorithmOid } from '../../../src/remoting/ntlm/channel-bindings.js';
import { md5 } from '../../../src/remoting/ntlm/ntlmv2.js';

const dir = mkdtempSync(join(tmpdir(), 'cbt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed RSA certificate signed with `digest` (DER). */
function rsaCert(digest: string): Buffer {
  const out = join(dir, `${digest}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', out, `-${digest}`, '-days', '1', '-subj', '/CN=cbt'], { stdio: 'ignore' });
  return Buffer.from(new X509Certificate(readFileSync(out)).raw);
}

it.each([
  ['sha1', '1.2.840.113549.1.1.5', 'sha256'],
  ['sha256', '1.2.840.113549.1.1.11', 'sha256'],
  ['sha384', '1.2.840.113549.1.1.12', 'sha384'],
  ['sha512', '1.2.840.113549.1.1.13', 'sha512'],
])('hashes a certificate signed with %s as RFC 5929 says (%s → %s)', (digest, oid, hash) => {
  const der = rsaCert(digest);
  expect(signatureAlgorithmOid(der)).toBe(oid);
  expect(tlsServerEndPoint(der)).toEqual(createHash(hash).update(der).digest());
});

it('hashes the gss_channel_bindings_struct: four zero fields, the length, "tls-server-end-point:" and the hash', () => {
  const der = rsaCert('sha256');
  const data = Buffer.concat([Buffer.from('tls-server-end-point:'), createHash('sha256').update(der).digest()]);
  const struct = Buffer.concat([Buffer.alloc(16), Buffer.from([data.length, 0, 0, 0]), data]);
  expect(channelBindingHash(der)).toEqual(md5(struct));
  expect(channelBindingHash(der)).toHaveLength(16);
});

it('refuses a certificate that is not DER with a coded error', () => {
  expect(() => tlsServerEndPoint(Buffer.from('not a certificate'))).toThrow(NtlmError);
});

describe('the acceptor with a channel binding policy', () => {
  const expected = channelBindingHash(rsaCert('sha256'));
  const other = channelBindingHash(rsaCert('sha384'));
  const creds = { username: 'alice', password: 'pw' };

  function logon(hardening: 'strict' | 'relaxed', sent: Buffer | undefined) {
    const client = createNtlmClientContext(creds);
    const server = createNtlmServerContext({ targetName: 'NODE1', lookupPassword: () => 'pw', channelBinding: { expected, hardening } });
    return () => server.accept(client.authenticate(server.challenge(client.negotiate()), sent));
  }

  it('accepts the right binding under Strict and Relaxed', () => {
    expect(logon('strict', expected)().user).toBe('alice');
    expect(logon('relaxed', expected)().user).toBe('alice');
  });

  it('refuses a client that sends none under Strict, and accepts it under Relaxed', () => {
    expect(logon('strict', undefined)).toThrow(expect.objectContaining({ code: 'bad-channel-binding', details: { reason: 'missing' } }));
    expect(logon('strict', Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'bad-channel-binding' }));
    expect(logon('relaxed', undefined)().user).toBe('alice');
  });

  it('refuses a binding to another certificate (a relayed logon) under both', () => {
    expect(logon('strict', other)).toThrow(expect.objectContaining({ code: 'bad-channel-binding', details: { reason: 'mismatch' } }));
    expect(logon('relaxed', other)).toThrow(expect.objectContaining({ code: 'bad-channel-binding', details: { reason: 'mismatch' } }));
  });
});
