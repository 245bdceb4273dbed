/** Every CLI verb answers `--help` (and `-h`) with its own usage on stdout and exit code 0, as a new user would try it. */
import { Readable } from 'node:stream';
import { cliCommands, runCli } from '../../src/cli/main.js';
import { runCliProcess } from './spawn-cli.js';

const verbs = cliCommands.map((c) => c.name);

it('knows the verbs it is testing', () => {
  expect(verbs).toEqual(expect.arrayContaining(['check', 'audit', 'simulator', 'winrm']));
});

const usageOf = (verb: string) => new RegExp(`^${verb}: .+\\n\\nusage: npm run cli -- ${verb}\\b`);

describe.each(verbs)('npm run cli -- %s', (verb) => {
  it(`answers ${verb} --help with its usage, exit 0 (as a process)`, async () => {
    const run = await runCliProcess([verb, '--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usageOf(verb));
  });

  it(`answers ${verb} -h the same way`, async () => {
    let out = '';
    const io = { stdout: { write: (c: string | Uint8Array) => (out += String(c)) }, stderr: { write: () => { throw new Error('wrote to stderr'); } } };
    const code = await runCli([verb, '-h'], { ...io, stdin: Readable.from([]), env: {}, untilInterrupted: async () => undefined });
    expect(code).toBe(0);
    expect(out).toMatch(usageOf(verb));
  });
});

it('answers --help after a sub-command and other flags too', async () => {
  const run = await runCliProcess(['winrm', 'exec', '--endpoint', 'http://h/wsman', '--help']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toContain('npm run cli -- winrm exec');
});

it('passes a --help after -- on to the remote command, not to itself', async () => {
  const run = await runCliProcess(['winrm', 'exec', '--endpoint', 'http://h/wsman', '--', 'tool', '--help']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--user');
});
