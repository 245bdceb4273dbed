/** The CLI in-process (runCli with captured output): usage errors, failures explained, exit codes. */
import { processExitCode } from '../../src/cli/errors.js';
import { closedPort } from '../remoting/wsman/helpers/loopback.js';
import { credentials, startServer, stopServers } from '../cluster/winrm-server/helpers.js';
import { runCliInProcess } from './cli-in-process.js';

afterEach(stopServers);

const cli = (argv: string[], stdin = '') => runCliInProcess(argv, { env: { PW: credentials.password, EMPTY: '' }, stdin }).then(({ code, stdout, stderr }) => ({ code, stdout, stderr }));

const connect = (url: string) => ['--endpoint', url, '--user', credentials.username, '--password-env', 'PW'];

it('lists its commands for help, and refuses an unknown one with exit code 2', async () => {
  const help = await cli(['help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/simulator .*\n[\s\S]*winrm exec .*-- COMMAND/);
  const unknown = await cli(['frobnicate']);
  expect(unknown).toMatchObject({ code: 2, stderr: 'error: unknown command frobnicate; try: npm run cli -- help\n' });
});

it.each([
  [['winrm', 'exec', '--user', 'u', '--password-env', 'PW', '--', 'x'], '--endpoint URL is required'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--user', 'u', '--', 'x'], '--password-env VAR is required'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--user', 'u', '--password-env', 'EMPTY', '--', 'x'], 'EMPTY (from --password-env) is not set or empty'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--user', 'u', '--password-env', 'PW', '--insecure', '--ca', 'f', '--', 'x'], 'only one of --ca, --fingerprint and --insecure'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--auth', 'credssp', '--user', 'u', '--password-env', 'PW', '--', 'x'], '--auth must be ntlm, basic, kerberos or negotiate'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--auth', 'kerberos', '--user', 'u', '--password-env', 'PW', '--', 'x'], 'Kerberos needs the realm: --user user@REALM or --principal user@REALM'],
  [['winrm', 'run', '--endpoint', 'http://h/wsman'], 'winrm needs exec or ps, not run'],
  [['winrm', 'exec', '--endpoint', 'http://h/wsman', '--bogus'], "Unknown option '--bogus'"],
  [['simulator', '--port', '99999'], '--port must be a whole number from 0 to 65535'],
  [['simulator', '--cbt-hardening', 'strict'], '--cbt-hardening binds NTLM to the TLS certificate: it needs --cert and --key'],
  [['simulator', '--cbt-hardening', 'paranoid'], '--cbt-hardening must be none, relaxed or strict, not paranoid'],
])('refuses %j with a usage error', async (argv, problem) => {
  const run = await cli(argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(problem);
  expect(run.stderr).toMatch(/\nusage: npm run cli -- /);
});

it('runs a command and passes its output and exit code on', async () => {
  const { url } = await startServer();
  const run = await cli(['winrm', 'exec', ...connect(url), '--', 'exit', '7']);
  expect(run).toEqual({ code: 7, stdout: '', stderr: 'failing with 7\nremote exit code: 7\n' });
  const echo = await cli(['winrm', 'exec', ...connect(url), '--', 'echo', '-n', '--flag']);
  expect(echo).toMatchObject({ code: 0, stdout: '-n --flag' });
});

it('reports a connection refused as such, with exit code 2', async () => {
  const run = await cli(['winrm', 'exec', ...connect(`http://127.0.0.1:${await closedPort()}/wsman`), '--', 'echo']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^error: Cannot reach WinRM at 127\.0\.0\.1:\d+: nothing listens on that port.*\(ECONNREFUSED\)\.\nCheck --endpoint/);
});

it('names the flag that allows Basic over plain HTTP', async () => {
  const run = await cli(['winrm', 'exec', ...connect('http://127.0.0.1:5985/wsman'), '--auth', 'basic', '--', 'echo']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('add --allow-unencrypted');
});

it('keeps an exit code that is a multiple of 256 a failure', () => {
  expect([0, 1, 255, 256, 9009, -1, -1073741510].map(processExitCode)).toEqual([0, 1, 255, 1, 49, 255, 58]);
});
