/** The simulator's WinRM server at the HTTP and SOAP level: routing, challenges, faults, HTTPS, sealing. */
import { makeCert, removeCerts } from '../../remoting/transport/helpers/certs.js';
import { createNtlmClientContext } from '../../../src/remoting/ntlm/index.js';
import { TlsError, WSManFaultError } from '../../../src/remoting/errors.js';
import { createHttpConnection } from '../../../src/remoting/transport/http-connection.js';
import { createTransport } from '../../../src/remoting/transport/create-transport.js';
import { silentLogger } from '../../../src/remoting/transport/logger.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { createWsmanClient } from '../../../src/remoting/wsman/client.js';
import { FaultCode, ResourceUri } from '../../../src/remoting/wsman/constants.js';
import { attachShell, createShell } from '../../../src/remoting/wsman/shell.js';
import { credentials, startServer, stopServers } from './helpers.js';

afterEach(stopServers);
afterAll(removeCerts);

const basicAuth = { scheme: 'basic' as const, ...credentials, allowUnencryptedHttp: true };

async function basicClient() {
  const { url, server } = await startServer({ allowUnencrypted: true });
  return { client: createWsmanClient({ transport: createTransport({ endpoint: url, auth: basicAuth }) }), server, url };
}

describe('HTTP', () => {
  it('serves POST /wsman only', async () => {
    const { url } = await startServer();
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace('/wsman', '/other'), { method: 'POST' })).status).toBe(404);
  });

  it('challenges a request without credentials, offering only the schemes that can work on this listener', async () => {
    const strict = await startServer();
    const response = await fetch(strict.url, { method: 'POST', body: '<x/>' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Negotiate');
    const relaxed = await startServer({ allowUnencrypted: true });
    const offered = (await fetch(relaxed.url, { method: 'POST', body: '<x/>' })).headers.get('www-authenticate');
    expect(offered).toBe('Negotiate, Basic realm="WSMAN"');
  });

  it('refuses an unsealed message on an NTLM session over plain HTTP, and answers a sealed one', async () => {
    const { url, server } = await startServer();
    const connection = createHttpConnection({ url: new URL(url), logger: silentLogger });
    const context = createNtlmClientContext(credentials);
    const first = await connection.open({ timeoutMs: 5000 });
    const reply = await first.send({ Authorization: `Negotiate ${context.negotiate().toString('base64')}` }, Buffer.alloc(0));
    const challenge = /^Negotiate (\S+)$/.exec(reply.headers['www-authenticate']?.[0] ?? '')?.[1] ?? '';
    const token = context.authenticate(Buffer.from(challenge, 'base64')).toString('base64');
    const second = await connection.open({ timeoutMs: 5000 });
    expect((await second.send({ Authorization: `Negotiate ${token}` }, Buffer.alloc(0))).status).toBe(200);
    const plain = await connection.open({ timeoutMs: 5000 });
    expect(plain.socket).toBe(second.socket);
    const refused = await plain.send({ 'Content-Type': 'application/soap+xml;charset=UTF-8' }, Buffer.from('<s:Envelope/>'));
    expect(refused.status).toBe(401);
    expect(server.stats().operations).toEqual({});
    connection.close();
  });
});

describe('SOAP', () => {
  it('creates a shell whose response carries the ShellId selector and the rsp:Shell description', async () => {
    const { client, server } = await basicClient();
    const shell = await createShell(client, { codepage: 65001, noProfile: true });
    expect(shell.id).toMatch(/^[0-9A-F-]{36}$/);
    expect(server.stats().shellsOpen).toBe(1);
    await shell.delete();
    expect(server.stats().shellsOpen).toBe(0);
    client.close();
  });

  it.each([
    ['an unknown shell', () => '00000000-0000-0000-0000-000000000000', 'command', 'InvalidSelectors', FaultCode.shellNotFound],
    ['an unknown command', (id: string) => id, 'receive', 'InvalidSelectors', FaultCode.shellNotFound],
    ['a bad code page', (id: string) => id, 'create', 'InvalidParameter', FaultCode.invalidParameter],
  ] as const)('answers %s with HTTP 500 and a fault that relates to the request', async (_what, shellIdFor, step, subcode, code) => {
    const { client } = await basicClient();
    const shell = await createShell(client);
    const other = attachShell(client, shellIdFor(shell.id));
    const attempt =
      step === 'command' ? other.command('echo', []) : step === 'receive' ? other.receive('NO-SUCH-COMMAND') : createShell(client, { codepage: -1 });
    const error = await attempt.catch((e: unknown) => e);
    // The client checks RelatesTo before it reads a fault: a mismatch would be RelatesToMismatchError.
    expect(error).toBeInstanceOf(WSManFaultError);
    expect(error).toMatchObject({ code, subcode, machine: 'SIMULATOR' });
    client.close();
  });

  it('refuses other resources and actions with the faults Windows uses', async () => {
    const { client } = await basicClient();
    const config = await client.invoke({ action: 'get', resourceUri: ResourceUri.config }).catch((e: unknown) => e);
    expect(config).toMatchObject({ code: 2150858770, subcode: 'DestinationUnreachable' });
    const get = await client.invoke({ action: 'get', resourceUri: ResourceUri.cmd }).catch((e: unknown) => e);
    expect(get).toMatchObject({ code: 2150858771, subcode: 'ActionNotSupported' });
    client.close();
  });
});

describe('HTTPS', () => {
  it('accepts Basic over HTTPS without AllowUnencrypted, NTLM unsealed, and fails a wrong pin before sending', async () => {
    const cert = makeCert('IP:127.0.0.1');
    const { url, server } = await startServer({ https: { key: cert.key, cert: cert.cert } });
    const basic = createWinrsRunner({ endpoint: url, auth: { scheme: 'basic', ...credentials }, tls: { caFile: cert.certFile } });
    expect((await basic.run('echo', ['over tls'])).stdout.toString()).toBe('over tls');
    await basic.close();
    const ntlm = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials }, tls: { fingerprint256: cert.fingerprint256 } });
    expect((await ntlm.run('exit', ['4'])).exitCode).toBe(4);
    await ntlm.close();
    expect(server.stats().sealedRequests).toBe(0);
    const pinned = createWinrsRunner({ endpoint: url, auth: { scheme: 'basic', ...credentials }, tls: { fingerprint256: 'AB'.repeat(32) } });
    const requests = server.stats().requests;
    await expect(pinned.run('echo', [])).rejects.toBeInstanceOf(TlsError);
    expect(server.stats().requests).toBe(requests);
    await pinned.close();
  });
});
