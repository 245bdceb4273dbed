/**
 * `npm run cli -- simulator` and `npm run cli -- winrm exec|ps` as people run them: child processes
 * talking real WinRM to each other on 127.0.0.1.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCert, removeCerts } from '../remoting/transport/helpers/certs.js';
import { runCliProcess, startCli, waitForLine } from './spawn-cli.js';

const SLOW = 60_000; // each CLI process starts tsx (a second or two)

const env = { SIM_PASSWORD: 'Sim-pass-1', WRONG_PASSWORD: 'not-it' };
// A script that needs none of the prelude's helpers, as the help suggests.
const listVolumes = readFileSync(new URL('../../src/cluster/scripts/list-volumes.ps1', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'cli-simulator-'));
const children: ChildProcessWithoutNullStreams[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  removeCerts();
});

async function startSimulator(args: string[]) {
  const child = startCli(['simulator', '--port', '0', '--user', 'alice', '--password-env', 'SIM_PASSWORD', ...args], env);
  children.push(child);
  const output = { text: '' };
  child.stdout.on('data', (d: Buffer) => (output.text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const [, url] = await waitForLine(child, /Ctrl-C stops it\.\n/).then(() => /endpoint: +(\S+)\n/.exec(output.text) ?? []);
  return { child, url: url ?? '', output, exited };
}

describe('simulator with NTLM and an inventory file', () => {
  const inventory = join(dir, 'lab.json');
  writeFileSync(inventory, JSON.stringify({
    name: 'lab', nodes: [{ name: 'hv-a', memoryMB: 65536 }, { name: 'hv-b', memoryMB: 65536 }], vms: [],
    volumes: [{ name: 'Lab Volume', node: 'hv-b', sizeGB: 100, freeGB: 40 }],
  }));
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  const connect = (passwordEnv = 'SIM_PASSWORD') => ['--endpoint', simulator.url, '--auth', 'ntlm', '--user', 'alice', '--password-env', passwordEnv];

  beforeAll(async () => {
    simulator = await startSimulator(['--inventory', inventory]);
  }, SLOW);

  it('prints where it listens and who may connect, but not the password it was given', () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wsman$/);
    expect(simulator.output.text).toContain('serving cluster "lab"');
    expect(simulator.output.text).toMatch(/user: +alice\n +password: +from \$SIM_PASSWORD\n/);
    expect(simulator.output.text).not.toContain(env.SIM_PASSWORD);
  });

  it('runs a project script with `winrm ps -- -` and prints its JSON', async () => {
    const run = await runCliProcess(['winrm', 'ps', ...connect(), '--', '-'], env, listVolumes);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ name: string; ownerNode: string }>).map((v) => [v.name, v.ownerNode])).toEqual([['Lab Volume', 'hv-b']]);
  }, SLOW);

  it('serves PSRP too: `psrp invoke` runs a JEA function by name on the HyperVChatOps endpoint', async () => {
    const run = await runCliProcess(['psrp', 'invoke', ...connect(), '--configuration', 'HyperVChatOps', '--', 'Get-ChatOpsNode'], env);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ name: string }>).map((n) => n.name)).toEqual(['hv-a', 'hv-b']);
    const refused = await runCliProcess(['psrp', 'invoke', ...connect(), '--configuration', 'HyperVChatOps', '--', 'Get-Process'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Get-Process/);
  }, SLOW);

  it('passes the remote exit code of `winrm exec` on, with stderr', async () => {
    const run = await runCliProcess(['winrm', 'exec', ...connect(), '--', 'hostname', '/all'], env);
    expect(run.stderr).toContain("'hostname' is not recognized");
    expect(run.stderr).toContain('remote exit code: 9009');
    expect(run.code).toBe(9009 & 0xff);
  }, SLOW);

  it('explains a wrong password and exits with 2', async () => {
    const run = await runCliProcess(['winrm', 'exec', ...connect('WRONG_PASSWORD'), '--', 'hostname'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Authentication at .* failed: the server rejected the user name or password.*\nCheck --user \(alice\)/);
    expect(run.stderr).toContain('the password in $WRONG_PASSWORD');
    expect(run.stderr).not.toContain(env.WRONG_PASSWORD);
  }, SLOW);

  it('stops on Ctrl-C', async () => {
    simulator.child.kill('SIGINT');
    expect(await simulator.exited).toBe(0);
    expect(simulator.output.text).toMatch(/Z Get-ClusterSharedVolume\n/);
    expect(simulator.output.text).toMatch(/WinRM simulator stopped\.\n$/);
  }, SLOW);
});

describe('simulator with Basic over HTTPS', () => {
  it('serves `winrm exec` with a pinned fingerprint, and refuses an unverified certificate with exit code 2', async () => {
    const cert = makeCert('IP:127.0.0.1');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, cert.key);
    const { url } = await startSimulator(['--auth', 'basic', '--cert', cert.certFile, '--key', keyFile]);
    expect(url).toMatch(/^https:/);
    const connect = ['--endpoint', url, '--auth', 'basic', '--user', 'alice', '--password-env', 'SIM_PASSWORD'];
    const pinned = await runCliProcess(['winrm', 'ps', ...connect, '--fingerprint', cert.fingerprint256, '--', '-'], env, listVolumes);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain('"name":"Volume1"');
    const unverified = await runCliProcess(['winrm', 'exec', ...connect, '--', 'hostname'], env);
    expect(unverified.code).toBe(2);
    expect(unverified.stderr).toContain('its certificate is self-signed');
    expect(unverified.stderr).toContain('--fingerprint SHA256');
  }, SLOW);
});
