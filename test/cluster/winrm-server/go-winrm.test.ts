/**
 * The listener accepts what Windows accepts, tried with a WinRM client written in Go as a Go user
 * would write one: github.com/masterzen/winrm (Packer's and Terraform's), Debian's
 * golang-github-masterzen-winrm-dev. Its NTLM (go-ntlmssp) asks for neither signing nor sealing
 * and sends no MIC and no channel binding: Windows answers it over HTTPS, and so must we. Over
 * plain HTTP with AllowUnencrypted=false its unsealed messages and Basic are refused, as Windows
 * refuses them. Go and the library must be installed (.ci/run installs them): without, these fail.
 */
import { makeCert, removeCerts, type TestCert } from '../../remoting/transport/helpers/certs.js';
import { buildGoWinrmClient, runGoWinrm, type GoWinrmRequest } from './go-winrm.js';
import { credentials, startServer, stopServers } from './helpers.js';

let binary: string;
let cert: TestCert;

beforeAll(() => {
  binary = buildGoWinrmClient();
  cert = makeCert('IP:127.0.0.1');
}, 180_000);
afterEach(stopServers);
afterAll(removeCerts);

async function goClient(request: Partial<GoWinrmRequest> & Pick<GoWinrmRequest, 'auth' | 'https'>, serverOptions = {}) {
  const { url, server } = await startServer({ ...(request.https ? { https: { key: cert.key, cert: cert.cert } } : {}), ...serverOptions });
  const { port } = new URL(url);
  const result = await runGoWinrm(binary, {
    host: '127.0.0.1',
    port: Number(port),
    cacert: cert.cert,
    user: credentials.username,
    password: credentials.password,
    command: 'echo',
    args: ['from', 'Go'],
    ...request,
  });
  return { result, stats: server.stats() };
}

it('runs a command with NTLM over HTTPS, the NEGOTIATE asking for neither signing nor sealing', async () => {
  const { result, stats } = await goClient({ auth: 'ntlm', https: true, command: 'exit', args: ['3'] });
  expect(result).toEqual({ stdout: '', stderr: 'failing with 3', exitCode: 3 });
  expect(stats.sealedRequests).toBe(0);
  expect(stats.operations).toMatchObject({ create: 1, command: 1, delete: 1 });
});

it('runs a command with Basic over HTTPS, AllowUnencrypted left false', async () => {
  const { result } = await goClient({ auth: 'basic', https: true });
  expect(result).toEqual({ stdout: 'from Go', stderr: '', exitCode: 0 });
});

it('refuses NTLM over HTTPS with a wrong password', async () => {
  const { result, stats } = await goClient({ auth: 'ntlm', https: true, password: 'wrong' });
  expect(result.error).toMatch(/401/);
  expect(stats.operations).toEqual({});
});

it('refuses its unsealed NTLM messages over plain HTTP when AllowUnencrypted is false, as Windows does', async () => {
  const { result, stats } = await goClient({ auth: 'ntlm', https: false });
  expect(result.error).toMatch(/401/);
  expect(stats.operations).toEqual({});
});

it('refuses Basic over plain HTTP when AllowUnencrypted is false, and accepts both when it is true', async () => {
  expect((await goClient({ auth: 'basic', https: false })).result.error).toMatch(/401/);
  expect((await goClient({ auth: 'basic', https: false }, { allowUnencrypted: true })).result).toMatchObject({ stdout: 'from Go', exitCode: 0 });
  expect((await goClient({ auth: 'ntlm', https: false }, { allowUnencrypted: true })).result).toMatchObject({ stdout: 'from Go', exitCode: 0 });
});

it('is refused over HTTPS when the listener hardens channel binding to Strict (go-ntlmssp sends none)', async () => {
  const { result, stats } = await goClient({ auth: 'ntlm', https: true }, { cbtHardeningLevel: 'strict' });
  expect(result.error).toMatch(/401/);
  expect(stats.operations).toEqual({});
});
