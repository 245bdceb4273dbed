/**
 * Kerberos end to end against a real MIT KDC on loopback: the bot's WinRS runner authenticates
 * to the simulator's listener, which accepts Kerberos with the node's keytab beside NTLM and
 * Basic, over HTTP with message encryption and over HTTPS with the channel binding. The failures
 * reach the user as one clear error each; Negotiate falls back to NTLM only when configured.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KerberosAuthenticationError } from '../../../src/remoting/errors.js';
import { createTicketSource, type TicketSource } from '../../../src/remoting/kerberos/index.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { makeCert, removeCerts } from '../../remoting/transport/helpers/certs.js';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../../support/kdc.js';
import { credentials, startServer, stopServers } from './helpers.js';

let kdc: TestKdc;
let keytab: Buffer;
let tickets: TicketSource;
const cert = makeCert('IP:127.0.0.1');
const SPN = 'HTTP/node1.hyperv.test';

beforeAll(async () => {
  kdc = await startKdc();
  keytab = readFileSync(kdc.addService('node1.hyperv.test'));
  kdc.addService('node2.hyperv.test');
  tickets = createTicketSource({ principal: USER, password: USER_PASSWORD, env: kdc.env });
}, 30_000);

afterEach(stopServers);
afterAll(async () => {
  tickets?.close();
  removeCerts();
  await kdc?.stop();
});

const kerberosAuth = (spn = SPN) => ({ scheme: 'kerberos' as const, tickets, spn });

async function refusal(promise: Promise<unknown>): Promise<KerberosAuthenticationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (error instanceof KerberosAuthenticationError) return error;
  throw new Error(`expected a KerberosAuthenticationError, got ${String(error)}`);
}

it('runs commands over HTTP with Kerberos message encryption, beside NTLM and Basic on the same listener', async () => {
  const { url, server } = await startServer({ auth: { ntlm: credentials, basic: credentials, kerberos: { keytab } } });
  const runner = createWinrsRunner({ endpoint: url, auth: kerberosAuth() });
  expect((await runner.run('echo', ['sealed', 'by', 'kerberos'])).stdout.toString()).toBe('sealed by kerberos');
  expect((await runner.run('cat', [], { stdin: Buffer.from('x'.repeat(5000)) })).stdout).toHaveLength(5000);
  await runner.close();
  const stats = server.stats();
  expect(stats.sealedRequests).toBeGreaterThanOrEqual(4); // create, command, send, receive… all sealed
  expect(stats.connections).toBe(1); // one AP exchange, then the session lives on the connection

  const ntlm = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  expect((await ntlm.run('echo', ['ntlm'])).stdout.toString()).toBe('ntlm');
  await ntlm.close();
});

it('runs commands over HTTPS with the channel binding, and refuses a server that holds another node key', async () => {
  const { url } = await startServer({ https: { key: cert.key, cert: cert.cert }, cbtHardeningLevel: 'strict', auth: { kerberos: { keytab } } });
  const runner = createWinrsRunner({ endpoint: url, auth: kerberosAuth(), tls: { fingerprint256: cert.fingerprint256 } });
  expect((await runner.run('echo', ['over', 'tls'])).stdout.toString()).toBe('over tls');
  await runner.close();

  const impostor = createWinrsRunner({ endpoint: url, auth: kerberosAuth('HTTP/node2.hyperv.test'), tls: { fingerprint256: cert.fingerprint256 } });
  const error = await refusal(impostor.run('echo', ['x']));
  expect(error.failure).toBe('ap-error');
  expect(error.message).toContain('could not decrypt the ticket for HTTP/node2.hyperv.test@HYPERV.TEST');
  await impostor.close();
});

it('names the clock skew when the node clock is off by more than the realm allows', async () => {
  const { url } = await startServer({ auth: { kerberos: { keytab, now: () => Date.now() - 20 * 60_000 } } });
  const runner = createWinrsRunner({ endpoint: url, auth: kerberosAuth() });
  const error = await refusal(runner.run('echo', ['x']));
  expect(error.failure).toBe('clock-skew');
  expect(error.message).toContain('20 min ahead of the clock of HTTP/node1.hyperv.test@HYPERV.TEST');
  await runner.close();
});

it('names the SPN to register before anything reaches the node', async () => {
  const { url, server } = await startServer({ auth: { kerberos: { keytab } } });
  const runner = createWinrsRunner({ endpoint: url, auth: kerberosAuth('HTTP/node7.hyperv.test') });
  const missing = await refusal(runner.run('echo', ['x']));
  expect(missing.failure).toBe('spn-missing');
  expect(missing.message).toContain('setspn -S HTTP/node7.hyperv.test NODE7');
  await runner.close();
  expect(server.stats().requests).toBe(0);
});

it('negotiate falls back to NTLM only when configured to, and never after a wrong password', async () => {
  const { url } = await startServer({ auth: { ntlm: credentials } });
  const used: string[] = [];
  const strict = createWinrsRunner({ endpoint: url, auth: { scheme: 'negotiate', tickets, spn: 'HTTP/node5.hyperv.test' } });
  expect((await refusal(strict.run('echo', ['x']))).failure).toBe('spn-missing');
  await strict.close();

  const lenient = createWinrsRunner({
    endpoint: url,
    auth: { scheme: 'negotiate', tickets, spn: 'HTTP/node5.hyperv.test', ntlmFallback: credentials },
    onAuthenticated: (scheme) => used.push(scheme),
  });
  expect((await lenient.run('echo', ['fell', 'back'])).stdout.toString()).toBe('fell back');
  await lenient.close();
  expect(used[0]).toBe('ntlm');

  const wrong = createTicketSource({ principal: USER, password: 'wrong', env: kdc.env });
  const noFallback = createWinrsRunner({ endpoint: url, auth: { scheme: 'negotiate', tickets: wrong, spn: SPN, ntlmFallback: credentials } });
  expect((await refusal(noFallback.run('echo', ['x']))).failure).toBe('wrong-password');
  await noFallback.close();
  wrong.close();
});

it('interoperates with MIT GSS-API (pykerberos): its AP-REQ and gss_wrap_iov tokens are accepted, our AP-REP and sealed answer verify there', async () => {
  const { url, server } = await startServer({ auth: { kerberos: { keytab } } });
  const cache = `FILE:${kdc.dir}/gss-client-ccache`;
  execFileSync('kinit', [USER], { env: { ...kdc.env, KRB5CCNAME: cache }, input: `${USER_PASSWORD}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
  const script = fileURLToPath(new URL('./gssapi-client.py', import.meta.url));
  // Asynchronously: the server answering it runs in this process.
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile('/usr/bin/python3', [script], { env: { ...kdc.env, KRB5CCNAME: cache }, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(JSON.stringify({ url, service: 'HTTP@node1.hyperv.test', message: '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>' }));
  });
  const result = JSON.parse(output) as { error?: string; status: number; complete: boolean; header_length: number; server_header_length: number; reply: string };
  expect(result.error).toBeUndefined();
  expect(result.complete).toBe(true); // MIT verified our AP-REP
  expect(result.header_length).toBe(60); // MIT's wrap_iov header: the same 60 bytes Windows sends for AES
  expect(result.server_header_length).toBe(60);
  expect(result.reply).toContain('Fault'); // our sealed SOAP fault, unsealed by MIT
  expect(server.stats().sealedRequests).toBe(1);
});
