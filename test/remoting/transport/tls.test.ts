/** HTTPS: verification on by default, CA file, fingerprint pinning, insecure mode, clear failures. */
import { TlsError } from '../../../src/remoting/errors.js';
import { createWinrsRunner, type WinrsRunnerOptions } from '../../../src/remoting/winrs-runner.js';
import { startFakeWinrsHost, type FakeWinrsHost } from '../wsman/helpers/fake-winrs-host.js';
import { startLoopback } from '../wsman/helpers/loopback.js';
import { makeCert, removeCerts, type TestCert } from './helpers/certs.js';

const auth = { scheme: 'basic', username: 'admin', password: 'pw' } as const;
const gate = { scheme: 'basic', username: 'admin', password: 'pw' } as const;
let good: TestCert;
let otherName: TestCert;
let host: FakeWinrsHost;
let otherHost: FakeWinrsHost;

beforeAll(async () => {
  good = makeCert('IP:127.0.0.1,DNS:localhost');
  otherName = makeCert('DNS:other.example');
  host = await startFakeWinrsHost({ auth: gate, tls: good });
  otherHost = await startFakeWinrsHost({ auth: gate, tls: otherName });
});
afterAll(async () => {
  await host.close();
  await otherHost.close();
  removeCerts();
});

async function runOnce(options: Partial<WinrsRunnerOptions> & { endpoint: string }) {
  const runner = createWinrsRunner({ auth, ...options });
  try {
    return await runner.run('hostname', ['node1']);
  } finally {
    await runner.close();
  }
}

it('refuses a self-signed certificate by default and says so', async () => {
  const error = await runOnce({ endpoint: host.url }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TlsError);
  expect(error).toMatchObject({ failure: 'self-signed', host: '127.0.0.1' });
  expect((error as Error).message).toMatch(/self-signed/);
});

it('trusts the certificate given as a CA file', async () => {
  const result = await runOnce({ endpoint: host.url, tls: { caFile: good.certFile } });
  expect(result.stdout.toString()).toBe('node1');
});

it('reports a certificate issued for another host name', async () => {
  const error = await runOnce({ endpoint: otherHost.url, tls: { ca: otherName.cert } }).catch((e: unknown) => e);
  expect(error).toMatchObject({ kind: 'tls', failure: 'hostname-mismatch' });
});

it('accepts the pinned fingerprint, in any spelling', async () => {
  const pin = good.fingerprint256.replace(/:/g, '').toLowerCase();
  expect((await runOnce({ endpoint: host.url, tls: { fingerprint256: pin } })).stdout.toString()).toBe('node1');
});

it('refuses another fingerprint before sending a single request', async () => {
  const before = host.wire.wireBodies.length;
  const error = await runOnce({ endpoint: host.url, tls: { fingerprint256: otherName.fingerprint256 } }).catch((e: unknown) => e);
  expect(error).toMatchObject({ kind: 'tls', failure: 'fingerprint-mismatch', presentedFingerprint: good.fingerprint256 });
  expect(host.wire.wireBodies.length).toBe(before);
});

it('skips verification only when told to, with a warning in the log', async () => {
  const warnings: unknown[] = [];
  const noop = () => undefined;
  const logger = { debug: noop, info: noop, error: noop, warn: (...args: unknown[]) => void warnings.push(args) };
  const result = await runOnce({ endpoint: host.url, tls: { insecure: true }, logger });
  expect(result.stdout.toString()).toBe('node1');
  expect(JSON.stringify(warnings)).toMatch(/verification is OFF/);
});

it('explains an HTTPS request to a plain HTTP port as a TLS failure', async () => {
  const plain = await startLoopback((_req, _body, res) => void res.end());
  try {
    const error = await runOnce({ endpoint: plain.url.replace('http:', 'https:') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'tls', failure: 'other' });
  } finally {
    await plain.close();
  }
});

it('runs NTLM over HTTPS without message encryption (TLS protects the bodies)', async () => {
  const ntlmHost = await startFakeWinrsHost({ auth: { scheme: 'ntlm', username: 'admin', password: 'pw' }, tls: good });
  try {
    const auth = { scheme: 'ntlm', username: 'admin', password: 'pw' } as const;
    const result = await runOnce({ endpoint: ntlmHost.url, auth, tls: { caFile: good.certFile } });
    expect(result.stdout.toString()).toBe('node1');
    expect(ntlmHost.wire.handshakes).toBe(1);
    expect(new Set(ntlmHost.wire.contentTypes)).toEqual(new Set(['application/soap+xml;charset=UTF-8']));
  } finally {
    await ntlmHost.close();
  }
});
