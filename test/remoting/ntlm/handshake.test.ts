/** A full NTLMv2 handshake between the client and server contexts, and the ways it must fail. */
import { AvFlags, AvId, NegotiateFlags } from '../../../src/remoting/ntlm/constants.js';
import { avFlags, findAvPair } from '../../../src/remoting/ntlm/av-pairs.js';
import { decodeAuthenticate, decodeChallenge, encodeChallenge } from '../../../src/remoting/ntlm/messages.js';
import { parseClientBlob } from '../../../src/remoting/ntlm/ntlmv2.js';
import { filetime } from '../../../src/remoting/ntlm/wire.js';
import {
  createNtlmClientContext,
  createNtlmServerContext,
  createNtlmSession,
  NtlmError,
  type NtlmCredentials,
} from '../../../src/remoting/ntlm/index.js';

const PASSWORDS = new Map([
  ['contoso\\alice', 'Correct horse 1!'],
  ['\\bob@contoso.com', 'S3cret-bob'],
]);
const lookups: Array<[string, string]> = [];
const lookupPassword = (user: string, domain: string): string | undefined => {
  lookups.push([user, domain]);
  return PASSWORDS.get(`${domain}\\${user}`.toLowerCase());
};
const serverNow = new Date('2025-03-01T12:00:00Z');
const server = () => createNtlmServerContext({ targetName: 'NODE1', lookupPassword, now: () => serverNow });
const alice: NtlmCredentials = { username: 'CONTOSO\\alice', password: 'Correct horse 1!', workstation: 'BOT' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NtlmError ? e.code : `not an NtlmError: ${String(e)}`;
  }
  return undefined;
}

function run(credentials: NtlmCredentials, tamper: (auth: Buffer) => Buffer = (a) => a) {
  const client = createNtlmClientContext(credentials);
  const srv = server();
  const challenge = srv.challenge(client.negotiate());
  const authenticate = client.authenticate(challenge);
  return { client, srv, challenge, authenticate, accept: () => srv.accept(tamper(authenticate)) };
}

describe('client ↔ server handshake', () => {
  test('with the right password both sides hold one session: several messages each way, interleaved', () => {
    const { client, accept } = run(alice);
    const { user, domain, session: serverSession } = accept();
    expect([user, domain]).toEqual(['alice', 'CONTOSO']);
    const clientSession = client.session();
    for (let i = 0; i < 5; i++) {
      const request = Buffer.from(`<s:Envelope>request ${i} ${'x'.repeat(i * 300)}</s:Envelope>`);
      const up = clientSession.seal(request);
      expect(serverSession.unseal(up.sealed, up.signature)).toEqual(request);
      const reply = Buffer.from(`<s:Envelope>reply ${i}</s:Envelope>`);
      const down = serverSession.seal(reply);
      expect(clientSession.unseal(down.sealed, down.signature)).toEqual(reply);
      expect(up.signature.readUInt32LE(12)).toBe(i);
      expect(down.signature.readUInt32LE(12)).toBe(i);
    }
  });

  test('both sides derive the keys of the exported session key the client chose', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const random = (n: number): Buffer => (n === 16 ? Buffer.from(key) : Buffer.alloc(n, 0x42));
    const client = createNtlmClientContext(alice, { randomBytes: random });
    const srv = server();
    const { session: serverSession } = srv.accept(client.authenticate(srv.challenge(client.negotiate())));
    const plaintext = Buffer.from('same bytes, same keys');
    expect(serverSession.seal(plaintext)).toEqual(createNtlmSession(key, 'server').seal(plaintext));
    expect(client.session().seal(plaintext)).toEqual(createNtlmSession(key, 'client').seal(plaintext));
  });

  test('a UPN is sent whole with an empty domain, and authenticates', () => {
    lookups.length = 0;
    const { accept } = run({ username: 'bob@contoso.com', password: 'S3cret-bob' });
    expect(accept().user).toBe('bob@contoso.com');
    expect(lookups).toEqual([['bob@contoso.com', '']]);
  });

  test('the client uses the server timestamp, announces the MIC and sends an empty LMv2 response', () => {
    const { authenticate } = run(alice);
    const auth = decodeAuthenticate(authenticate);
    const blob = parseClientBlob(auth.ntChallengeResponse.subarray(16));
    expect(blob.time).toEqual(filetime(serverNow));
    expect(avFlags(blob.avPairs) & AvFlags.MIC_PROVIDED).toBe(AvFlags.MIC_PROVIDED);
    expect(auth.lmChallengeResponse).toEqual(Buffer.alloc(24));
    expect(auth.mic).not.toEqual(Buffer.alloc(16));
  });

  test('an SPN option is sent as MsvAvTargetName', () => {
    const client = createNtlmClientContext(alice, { spn: 'HTTP/node1.contoso.com' });
    const srv = server();
    const auth = decodeAuthenticate(client.authenticate(srv.challenge(client.negotiate())));
    const pairs = parseClientBlob(auth.ntChallengeResponse.subarray(16)).avPairs;
    expect(findAvPair(pairs, AvId.MsvAvTargetName)?.toString('utf16le')).toBe('HTTP/node1.contoso.com');
  });
});

describe('refusals', () => {
  test('a wrong password is refused as bad-credentials', () => {
    expect(codeOf(run({ ...alice, password: 'Correct horse 2!' }).accept)).toBe('bad-credentials');
  });

  test('a user the server does not know is refused as unknown-user', () => {
    expect(codeOf(run({ ...alice, username: 'CONTOSO\\mallory' }).accept)).toBe('unknown-user');
  });

  test('a tampered MIC is refused as bad-mic', () => {
    const flip = (auth: Buffer): Buffer => {
      const copy = Buffer.from(auth);
      copy[72] = copy[72]! ^ 0x01;
      return copy;
    };
    expect(codeOf(run(alice, flip).accept)).toBe('bad-mic');
  });

  test('altered AUTHENTICATE flags are caught by the MIC', () => {
    const dropAlwaysSign = (auth: Buffer): Buffer => {
      const copy = Buffer.from(auth);
      copy.writeUInt32LE((copy.readUInt32LE(60) & ~NegotiateFlags.ALWAYS_SIGN) >>> 0, 60);
      return copy;
    };
    expect(codeOf(run(alice, dropAlwaysSign).accept)).toBe('bad-mic');
  });

  test('a NEGOTIATE altered on the way to the server is caught by the MIC', () => {
    const client = createNtlmClientContext(alice);
    const negotiate = Buffer.from(client.negotiate());
    negotiate.writeUInt32LE((negotiate.readUInt32LE(12) & ~NegotiateFlags.NEGOTIATE_56) >>> 0, 12);
    const srv = server();
    const auth = client.authenticate(srv.challenge(negotiate));
    expect(codeOf(() => srv.accept(auth))).toBe('bad-mic');
  });

  test('the server refuses a NEGOTIATE without sealing; the client refuses a CHALLENGE without key exchange', () => {
    const client = createNtlmClientContext(alice);
    const negotiate = Buffer.from(client.negotiate());
    const noSeal = Buffer.from(negotiate);
    noSeal.writeUInt32LE((noSeal.readUInt32LE(12) & ~NegotiateFlags.SEAL) >>> 0, 12);
    expect(codeOf(() => server().challenge(noSeal))).toBe('unsupported-flags');

    const challenge = decodeChallenge(server().challenge(negotiate));
    const weak = encodeChallenge({ ...challenge, flags: (challenge.flags & ~NegotiateFlags.KEY_EXCH) >>> 0 });
    expect(codeOf(() => client.authenticate(weak))).toBe('unsupported-flags');
  });

  test('out-of-order calls are refused and a failed handshake cannot be retried on the same context', () => {
    const client = createNtlmClientContext(alice);
    expect(codeOf(() => client.session())).toBe('not-authenticated');
    expect(codeOf(() => client.authenticate(Buffer.alloc(64)))).toBe('wrong-state');
    const { srv, authenticate } = run({ ...alice, password: 'wrong' });
    expect(codeOf(() => srv.accept(authenticate))).toBe('bad-credentials');
    expect(codeOf(() => srv.accept(authenticate))).toBe('wrong-state');
    expect(codeOf(() => server().accept(authenticate))).toBe('wrong-state');
  });

  test('a garbage CHALLENGE is malformed and leaves the client without a session', () => {
    const client = createNtlmClientContext(alice);
    client.negotiate();
    expect(codeOf(() => client.authenticate(Buffer.from('NTLMSSP\0garbage')))).toBe('malformed-message');
    expect(codeOf(() => client.session())).toBe('not-authenticated');
  });
});
