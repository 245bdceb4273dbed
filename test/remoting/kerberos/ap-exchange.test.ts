/**
 * The Kerberos AP exchange and wrap tokens against a real MIT KDC: tickets from a password or a
 * keytab (kinit/kvno), accepted by the node's keytab, mutual authentication, sealed messages both
 * ways, and the failures an operator meets: wrong password, SPN missing, clock skew, KDC down,
 * a server without the node's key, an expired ticket.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKerberosClientContext, createKerberosServerContext, createTicketSource, KerberosError, parseKeytab, parsePrincipal, type TicketSource } from '../../../src/remoting/kerberos/index.js';
import { KeyUsage, TokenId } from '../../../src/remoting/kerberos/constants.js';
import { encrypt, randomKey } from '../../../src/remoting/kerberos/crypto.js';
import { frameToken } from '../../../src/remoting/kerberos/gss-token.js';
import { encodeApRep, encodeEncApRepPart } from '../../../src/remoting/kerberos/messages.js';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../../support/kdc.js';

let kdc: TestKdc;
let node1Keytab: string;
let node2Keytab: string;
const sources: TicketSource[] = [];
const SPN1 = 'HTTP/node1.hyperv.test';

beforeAll(async () => {
  kdc = await startKdc();
  node1Keytab = kdc.addService('node1.hyperv.test');
  node2Keytab = kdc.addService('node2.hyperv.test');
}, 30_000);

afterAll(async () => {
  for (const s of sources) s.close();
  await kdc?.stop();
});

function source(options: Partial<Parameters<typeof createTicketSource>[0]> = {}): TicketSource {
  const s = createTicketSource({ principal: USER, password: USER_PASSWORD, env: kdc.env, ...options });
  sources.push(s);
  return s;
}

const server = (keytab: string, now?: () => number) => createKerberosServerContext({ keytab: parseKeytab(readFileSync(keytab)), ...(now ? { now } : {}) });
const node1 = parsePrincipal(`${SPN1}@HYPERV.TEST`);

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<KerberosError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof KerberosError) return error;
    throw error;
  }
  throw new Error('expected a KerberosError');
}

test('a ticket from the password is accepted by the node keytab, the AP-REP proves the node, and messages are sealed both ways', async () => {
  const credential = await source().serviceTicket(SPN1);
  const client = createKerberosClientContext({ credential });
  const accepted = server(node1Keytab).accept(client.token, node1);
  if (accepted.kind !== 'accepted') throw new Error(`refused with ${accepted.errorCode}`);
  expect(accepted.client).toBe(USER);
  const clientSession = client.accept(accepted.reply);

  const request = Buffer.from('<s:Envelope>Get-ClusterNode</s:Envelope>');
  const sealed = clientSession.seal(request);
  expect(sealed.signature).toHaveLength(60); // [MS-WSMV] 2.2.9.1.1: the AES wrap token's header part
  expect(sealed.sealed).toHaveLength(request.length);
  expect(sealed.sealed.includes(Buffer.from('Get-ClusterNode'))).toBe(false);
  expect(accepted.session.unseal(sealed.sealed, sealed.signature)).toEqual(request);

  const reply = accepted.session.seal(Buffer.from('<s:Envelope>node1</s:Envelope>'));
  expect(clientSession.unseal(reply.sealed, reply.signature).toString()).toBe('<s:Envelope>node1</s:Envelope>');

  const replayed = await failure(() => accepted.session.unseal(sealed.sealed, sealed.signature));
  expect(replayed.code).toBe('out-of-sequence');
  const next = clientSession.seal(request);
  const altered = Buffer.from(next.sealed);
  altered[3] = (altered[3] as number) ^ 1;
  expect((await failure(() => accepted.session.unseal(altered, next.signature))).code).toBe('integrity');
  expect(accepted.session.unseal(next.sealed, next.signature)).toEqual(request);
});

test('a keytab logs the bot on without a password', async () => {
  const credential = await source({ password: undefined, keytab: kdc.userKeytab() }).serviceTicket(SPN1);
  expect(server(node1Keytab).accept(createKerberosClientContext({ credential }).token, node1).kind).toBe('accepted');
});

test('a server without the node key cannot answer for it: it cannot read the ticket, and a forged AP-REP is refused', async () => {
  const credential = await source().serviceTicket(SPN1);
  const impostor = server(node2Keytab).accept(createKerberosClientContext({ credential }).token, node1);
  expect(impostor.kind).toBe('refused');
  const client = createKerberosClientContext({ credential });
  expect((await failure(() => client.accept(impostor.reply))).code).toBe('ap-error');

  const forged = frameToken(TokenId.AP_REP, encodeApRep({ etype: 18, cipher: encrypt(randomKey(18), KeyUsage.AP_REP_ENCPART, encodeEncApRepPart({ ctime: Date.now(), cusec: 0 })) }));
  const refused = await failure(() => createKerberosClientContext({ credential }).accept(forged));
  expect(refused.code).toBe('mutual-auth-failed');
  expect(refused.message).toContain('did not prove it is HTTP/node1.hyperv.test@HYPERV.TEST');
  expect((await failure(() => createKerberosClientContext({ credential }).accept(undefined))).code).toBe('mutual-auth-failed');
});

test('a clock beyond the realm limit gets an error that names the skew', async () => {
  const credential = await source().serviceTicket(SPN1);
  const twoHoursAhead = () => Date.now() + 2 * 3600_000;
  const client = createKerberosClientContext({ credential, now: twoHoursAhead });
  const answer = server(node1Keytab).accept(client.token, node1);
  expect(answer.kind).toBe('refused');
  const error = await failure(() => client.accept(answer.reply));
  expect(error.code).toBe('clock-skew');
  expect(error.details.skewSeconds).toBeGreaterThan(7190);
  expect(error.message).toContain('2 h 0 min ahead of the clock of HTTP/node1.hyperv.test@HYPERV.TEST');
});

test('the wrong password, a missing SPN and a KDC that does not answer each say so', async () => {
  const wrong = await failure(source({ password: 'not-the-password' }).serviceTicket(SPN1));
  expect(wrong.code).toBe('wrong-password');

  const missing = await failure(source().serviceTicket('HTTP/node9.hyperv.test'));
  expect(missing.code).toBe('spn-missing');
  expect(missing.message).toContain('setspn -S HTTP/node9.hyperv.test NODE9');

  const deadConf = join(kdc.dir, 'dead-krb5.conf');
  writeFileSync(deadConf, readFileSync(kdc.env.KRB5_CONFIG as string, 'utf8').replace(/kdc = 127\.0\.0\.1:\d+/, 'kdc = 127.0.0.1:9'));
  const down = await failure(source({ env: { ...kdc.env, KRB5_CONFIG: deadConf } }).serviceTicket(SPN1));
  expect(down.code).toBe('kdc-unreachable');
  expect(down.message).toContain('Cannot contact any KDC');
});

test('a ticket near its end is renewed, and an expired one is replaced by a new logon', async () => {
  let offset = 0;
  const s = source({ now: () => Date.now() + offset });
  const first = await s.serviceTicket(SPN1);
  // The realm's password changes: renewal still works (kinit -R needs no password)…
  kdc.kadmin(`cpw -pw Changed-password-2 ${USER}`);
  offset = first.endTime - Date.now() - 60_000; // one minute before the end
  const renewed = await s.serviceTicket(SPN1);
  expect(server(node1Keytab).accept(createKerberosClientContext({ credential: renewed }).token, node1).kind).toBe('accepted');
  // …but past the end the TGT cannot be renewed: the bot logs on again, and here is refused.
  offset = renewed.endTime - Date.now() + 60_000;
  expect((await failure(s.serviceTicket(SPN1))).code).toBe('wrong-password');
  kdc.kadmin(`cpw -pw ${USER_PASSWORD} ${USER}`);
});

test("MIT's own acceptor (gss_accept_sec_context through pykerberos) accepts our AP-REQ, and its AP-REP verifies here", async () => {
  const credential = await source().serviceTicket(SPN1);
  const client = createKerberosClientContext({ credential });
  const acceptor = [
    'import base64, sys, kerberos',
    '_, ctx = kerberos.authGSSServerInit("HTTP@node1.hyperv.test")',
    'kerberos.authGSSServerStep(ctx, sys.stdin.read().strip())',
    'print(kerberos.authGSSServerUserName(ctx)); print(kerberos.authGSSServerResponse(ctx))',
  ].join('\n');
  const output = execFileSync('/usr/bin/python3', ['-c', acceptor], { env: { ...kdc.env, KRB5_KTNAME: node1Keytab }, input: client.token.toString('base64'), encoding: 'utf8' });
  const [user, apRep] = output.trim().split('\n');
  expect(user).toBe(USER);
  const session = client.accept(Buffer.from(apRep ?? '', 'base64'));
  expect(session.seal(Buffer.from('x')).signature).toHaveLength(60);
});
