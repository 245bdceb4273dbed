/**
 * Our WinRM client against a listener whose CbtHardeningLevel is Strict: NTLM over HTTPS works
 * because the client sends MsvAvChannelBindings for the certificate the TLS socket was shown; a
 * logon without it is refused with a 401 on the wire, and the user sees an authentication error.
 */
import { makeCert, removeCerts } from '../../remoting/transport/helpers/certs.js';
import { createNtlmClientContext } from '../../../src/remoting/ntlm/index.js';
import { createHttpConnection } from '../../../src/remoting/transport/http-connection.js';
import { silentLogger } from '../../../src/remoting/transport/logger.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { credentials, startServer, stopServers } from './helpers.js';

const cert = makeCert('IP:127.0.0.1');
afterEach(stopServers);
afterAll(removeCerts);

const strictServer = () => startServer({ https: { key: cert.key, cert: cert.cert }, cbtHardeningLevel: 'strict' });

it('runs commands over NTLM + HTTPS with a pinned certificate where channel binding is Strict', async () => {
  const { url, server } = await strictServer();
  const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials }, tls: { fingerprint256: cert.fingerprint256 } });
  expect((await runner.run('echo', ['bound'])).stdout.toString()).toBe('bound');
  expect((await runner.run('exit', ['5'])).exitCode).toBe(5);
  await runner.close();
  expect(server.stats().sealedRequests).toBe(0);
});

it('refuses, with a 401, an NTLM logon over the same TLS connection that carries no channel binding', async () => {
  const { url, server } = await strictServer();
  const connection = createHttpConnection({ url: new URL(url), tls: { caFile: cert.certFile }, logger: silentLogger });
  const client = createNtlmClientContext(credentials);
  const first = await connection.open({ timeoutMs: 5000 });
  const challenged = await first.send({ Authorization: `Negotiate ${client.negotiate().toString('base64')}` }, Buffer.alloc(0));
  expect(challenged.status).toBe(401);
  const token = /^Negotiate (\S+)$/.exec(challenged.headers['www-authenticate']?.[0] ?? '')?.[1] ?? '';
  const second = await connection.open({ timeoutMs: 5000 });
  const refused = await second.send({ Authorization: `Negotiate ${client.authenticate(Buffer.from(token, 'base64')).toString('base64')}`, 'Content-Type': 'application/soap+xml;charset=UTF-8' }, Buffer.from('<s:Envelope/>'));
  expect(refused.status).toBe(401);
  expect(server.stats().operations).toEqual({});
  connection.close();
});
