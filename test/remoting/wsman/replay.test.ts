/**
 * Replays every exchange pypsrp recorded against real Windows servers: our client performs the
 * same operation through the real HTTP transport against a loopback server that answers with
 * the recorded responses; our requests must equal the recorded ones by meaning, and the
 * recorded responses must parse into the right ShellIds, streams, exit codes and faults.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WSManFaultError } from '../../../src/remoting/errors.js';
import { createTransport } from '../../../src/remoting/transport/create-transport.js';
import { createWsmanClient, type WsmanClient } from '../../../src/remoting/wsman/client.js';
import { FaultCode, ResourceUri } from '../../../src/remoting/wsman/constants.js';
import { readMaxEnvelopeSizeKb, type ReceiveResult } from '../../../src/remoting/wsman/parse.js';
import { createShell } from '../../../src/remoting/wsman/shell.js';
import { startLoopback } from './helpers/loopback.js';
import { fixturesDir, messageIdOf, readRecording } from './helpers/recordings.js';
import { shapeOf } from './helpers/xml-shape.js';

const stdout = (r: ReceiveResult) => Buffer.concat(r.chunks.filter((c) => c.name === 'stdout').map((c) => c.data)).toString('utf8');

type Scenario = (client: WsmanClient) => Promise<void>;

async function echoCycle(client: WsmanClient, executable: string, args: string[], expectOut: (out: string) => void) {
  const shell = await createShell(client);
  const id = await shell.command(executable, args);
  const result = await shell.receive(id);
  expect(result.state).toBe('done');
  expect(result.exitCode).toBe(0);
  expectOut(stdout(result));
  await shell.signal(id, 'ctrlC');
  await shell.delete();
}

const scenarios: Readonly<Record<string, Scenario>> = {
  'test_winrs_standard.yml': async (client) => {
    const shell = await createShell(client);
    expect(shell.id).toBe('4283CBDC-3706-415B-88BD-B385F3E51A53');
    const id = await shell.command('cmd.exe', ['/c', 'echo', 'hi']);
    expect(id).toBe('CF84C20A-0A35-43FA-AF78-0B4711DA5F30');
    const result = await shell.receive(id);
    expect(stdout(result)).toBe('hi\r\n');
    expect(result.chunks.filter((c) => c.end).map((c) => c.name)).toEqual(['stdout', 'stderr']);
    expect([result.state, result.exitCode]).toEqual(['done', 0]);
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_client_execute_cmd.yml': async (client) => {
    await echoCycle(client, 'dir', [], (out) => expect(out).toContain('28,319,084,544 bytes free'));
    await echoCycle(client, 'echo abc', [], (out) => expect(out).toBe('abc\r\n'));
  },
  'test_client_execute_cmd_environment.yml': async (client) => {
    const environment = {
      string: 'string value',
      int: '1234',
      bool: 'True',
      double_quote: 'double " quote',
      single_quote: "single ' quote",
      'hyphen - var': 'abc @ 123',
    };
    const shell = await createShell(client, { environment });
    const id = await shell.command('set', []);
    const out = stdout(await shell.receive(id));
    expect(out).toContain('double_quote=double " quote\r\n');
    expect(out).toContain('hyphen - var=abc @ 123\r\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_environment.yml': async (client) => {
    const odd = '_-(){}[]<>*+-/\\?"!@#$^&|;:i,.`~0';
    const environment = new Map([
      ['env1', 'var1'],
      ['1234', '5678'],
      [odd, odd],
    ]);
    const shell = await createShell(client, { environment });
    const id = await shell.command('cmd.exe', ['/c', 'set']);
    const out = stdout(await shell.receive(id));
    expect(out).toContain(`${odd}=${odd}\r\n`);
    expect(out).toContain('env1=var1\r\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_extra_opts.yml': async (client) => {
    const shell = await createShell(client, { idleTimeoutMs: 60000, lifetimeMs: 60000, name: 'shell 1', workingDirectory: 'C:\\Windows' });
    const id = await shell.command('powershell.exe', ['(pwd).Path']);
    expect(stdout(await shell.receive(id))).toBe('C:\\Windows\r\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_bad_cmd_id.yml': async (client) => {
    const shell = await createShell(client);
    const id = await shell.command('cmd.exe', ['/c', 'echo', 'hi']);
    const error = await shell.receive('87E77BEB-6761-4C48-9D70-A00266B8459A').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WSManFaultError);
    expect(error).toMatchObject({ code: FaultCode.shellNotFound, subcode: 'InvalidSelectors', machine: '192.168.56.15' });
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_fail_poll_process.yml': async (client) => {
    const shell = await createShell(client);
    const error = await client
      .invoke({
        action: 'receive',
        resourceUri: ResourceUri.cmd,
        selectors: { ShellId: shell.id },
        options: [{ name: 'WSMAN_CMDSHELL_OPTION_KEEPALIVE', value: 'True' }],
        body: '<rsp:Receive><rsp:DesiredStream>stdout stderr</rsp:DesiredStream></rsp:Receive>',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: FaultCode.invalidParameter, machine: '127.0.0.1', subcode: 'InvalidParameter' });
    expect((error as WSManFaultError).providerFault).toEqual({
      provider: 'Shell cmd plugin',
      path: '%systemroot%\\system32\\winrscmd.dll',
      message: 'The parameter is incorrect.',
    });
    await shell.delete();
  },
  'test_winrs_no_cmd_shell.yml': async (client) => {
    const shell = await createShell(client);
    const error = await shell.command('powershell.exe', ['Write-Host', 'hi'], { skipCmdShell: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: FaultCode.fileNotFound, machine: 'server2008r2.domain.local' });
    expect((error as WSManFaultError).providerFault?.message).toBe('The system cannot find the file specified.');
    const exe = 'C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe';
    const id = await shell.command(exe, ['Write-Host', 'hi'], { skipCmdShell: true });
    expect(stdout(await shell.receive(id))).toBe('hi\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_noprofile.yml': async (client) => {
    const shell = await createShell(client, { noProfile: true });
    const id = await shell.command('cmd.exe', ['/c', 'set']);
    expect(stdout(await shell.receive(id))).toContain('USERPROFILE=C:\\Users\\Default\r\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_winrs_open_already_opened.yml': async (client) => {
    const shell = await createShell(client);
    expect(shell.id).toBe('ED7FD87E-E041-4BC2-A22F-B58FF7833094');
    await shell.delete();
  },
  'test_winrs_send.yml': async (client) => {
    const shell = await createShell(client);
    const id = await shell.command('powershell.exe', ['-']);
    await shell.send(id, Buffer.from('Write-Host "output 1";'), false);
    await shell.send(id, Buffer.from('Write-Host "output 2";'), true);
    const result = await shell.receive(id);
    expect(stdout(result)).toBe('output 1\noutput 2\n');
    await shell.signal(id, 'ctrlC');
    await shell.delete();
  },
  'test_wsman_update_envelope_size_150.yml': async (client) => {
    expect(readMaxEnvelopeSizeKb(await client.invoke({ action: 'get', resourceUri: ResourceUri.config }))).toBe(150);
  },
  'test_wsman_update_envelope_size_500.yml': async (client) => {
    expect(readMaxEnvelopeSizeKb(await client.invoke({ action: 'get', resourceUri: ResourceUri.config }))).toBe(500);
  },
};

const recordings = readdirSync(join(fixturesDir, 'pypsrp')).filter((f) => f.startsWith('test_') && f.endsWith('.yml'));

test('every recorded exchange has a replay scenario', () => {
  expect(recordings.length).toBeGreaterThanOrEqual(13);
  expect(Object.keys(scenarios).sort()).toEqual([...recordings].sort());
});

describe.each(recordings)('%s', (file) => {
  it('sends the recorded requests and reads the recorded responses', async () => {
    const recorded = readRecording(file);
    const received: string[] = [];
    const server = await startLoopback((req, body, res) => {
      const request = body.toString('utf8');
      const message = recorded[received.length];
      received.push(request);
      if (!message) return void res.writeHead(599).end();
      const response = message.response.replace(messageIdOf(message.request) ?? '', messageIdOf(request) ?? '');
      res.writeHead(message.status, { 'Content-Type': 'application/soap+xml;charset=UTF-8' }).end(response);
    });
    const transport = createTransport({
      endpoint: server.url,
      auth: { scheme: 'basic', username: 'vagrant', password: 'vagrant', allowUnencryptedHttp: true },
    });
    const client = createWsmanClient({ transport });
    try {
      await scenarios[file]?.(client);
    } finally {
      client.close();
      await server.close();
    }
    expect(received.map(shapeOf)).toEqual(recorded.map((m) => shapeOf(m.request)));
  });
});
