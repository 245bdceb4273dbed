/**
 * NTLM with WinRM message encryption over plain HTTP, against a loopback WinRS host that
 * authenticates with the project's NTLM server context: handshake once per connection, sealed
 * bodies both ways, a new handshake when the connection changes, clear failures.
 */
import { AuthenticationError } from '../../../src/remoting/errors.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { startFakeWinrsHost, type FakeWinrsHost } from '../wsman/helpers/fake-winrs-host.js';

const credentials = { username: 'CLUSTER\\hvadmin', password: 'Pa55-w0rd!' };
let host: FakeWinrsHost;

afterEach(async () => host.close());

function ntlmRunner(password = credentials.password, endpoint = host.url) {
  return createWinrsRunner({ endpoint, auth: { scheme: 'ntlm', username: credentials.username, password } });
}

it('authenticates once per connection and seals every message', async () => {
  host = await startFakeWinrsHost({ auth: { scheme: 'ntlm', username: 'hvadmin', password: credentials.password } });
  const runner = ntlmRunner();
  for (const vm of ['vm1', 'vm2', 'vm3']) expect((await runner.run('Get-VM', [vm])).stdout.toString()).toBe(vm);
  await runner.close();
  expect(host.wire.handshakes).toBe(1);
  expect(host.wire.contentTypes.length).toBeGreaterThan(9);
  for (const type of host.wire.contentTypes) expect(type).toMatch(/^multipart\/encrypted;protocol="application\/HTTP-SPNEGO-session-encrypted"/);
  const wire = Buffer.concat(host.wire.wireBodies).toString('latin1');
  expect(wire).not.toContain('CommandLine');
  expect(wire).not.toContain('Get-VM');
});

it('authenticates again when the server closes the connection', async () => {
  host = await startFakeWinrsHost({ auth: { scheme: 'ntlm', username: 'hvadmin', password: credentials.password }, closeConnections: true });
  const runner = ntlmRunner();
  expect((await runner.run('hostname', ['node1'])).stdout.toString()).toBe('node1');
  await runner.close();
  // Create, Command, Receive, Signal, Delete: five connections, five handshakes.
  expect(host.wire.handshakes).toBe(5);
});

it('reports a wrong password as wrong credentials', async () => {
  host = await startFakeWinrsHost({ auth: { scheme: 'ntlm', username: 'hvadmin', password: credentials.password } });
  const runner = ntlmRunner('not-the-password');
  const error = await runner.run('hostname', []).catch((e: unknown) => e);
  await runner.close();
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ failure: 'wrong-credentials', scheme: 'ntlm', username: 'CLUSTER\\hvadmin' });
  expect((error as Error).message).not.toContain('not-the-password');
});

it('reports a server that does not offer Negotiate', async () => {
  host = await startFakeWinrsHost({ auth: { scheme: 'basic', username: 'hvadmin', password: 'x', offered: ['Basic realm="WSMAN"'] } });
  const runner = ntlmRunner();
  const error = await runner.run('hostname', []).catch((e: unknown) => e);
  await runner.close();
  expect(error).toMatchObject({ kind: 'authentication', failure: 'scheme-not-offered', offered: ['Basic'] });
});
