/**
 * `npm run cli -- psrp invoke` in-process, against a loopback server that answers with pypsrp's
 * recording of a real Windows JEA endpoint: the command goes as a name with named parameters to
 * the configuration given, its output is printed; bad command words are usage errors.
 */
import { commandFromWords } from '../../src/cli/psrp-command.js';
import { startLoopback } from '../remoting/wsman/helpers/loopback.js';
import { messageIdOf, readRecording } from '../remoting/wsman/helpers/recordings.js';
import { runCliInProcess } from './cli-in-process.js';

const cli = (argv: string[]) => runCliInProcess(argv, { env: { PW: 'vagrant' } }).then(({ code, stdout, stderr }) => ({ code, stdout, stderr }));

it('runs one command on the named configuration and prints its output', async () => {
  const recorded = readRecording('psrp/test_psrp_with_jea_configuration.yml');
  const requests: string[] = [];
  const server = await startLoopback((_req, body, res) => {
    const request = body.toString('utf8');
    const message = recorded[requests.length]!;
    requests.push(request);
    res.writeHead(200, { 'Content-Type': 'application/soap+xml;charset=UTF-8' }).end(message.response.replace(messageIdOf(message.request) ?? '', messageIdOf(request) ?? ''));
  });
  try {
    const result = await cli(['psrp', 'invoke', '--endpoint', server.url, '--auth', 'basic', '--allow-unencrypted', '--user', 'vagrant', '--password-env', 'PW', '--configuration', 'JEARole', '--', 'Get-Item', '-Path', 'WSMan:\\localhost\\Service\\AllowUnencrypted']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ Name: 'AllowUnencrypted', Value: 'true' });
    expect(requests[0]).toContain('<wsman:ResourceURI s:mustUnderstand="true">http://schemas.microsoft.com/powershell/JEARole</wsman:ResourceURI>');
  } finally {
    await server.close();
  }
});

it('turns the words after -- into a command with named parameters, and refuses anything else', () => {
  expect(commandFromWords(['Move-ChatOpsVm', '-Vm', 'vm42', '-Node', 'node2', '-WhatIf'])).toEqual({ name: 'Move-ChatOpsVm', parameters: { Vm: 'vm42', Node: 'node2', WhatIf: true } });
  expect(() => commandFromWords(['Get-ChatOpsVm;', 'Remove-Item'])).toThrow(/command name like/);
  expect(() => commandFromWords(['Get-ChatOpsVm', 'vm42'])).toThrow(/expected -ParameterName, got vm42/);
  expect(() => commandFromWords([])).toThrow(/command name/);
});

it('explains a usage error with exit code 2', async () => {
  const result = await cli(['psrp', 'invoke', '--endpoint', 'http://127.0.0.1:1/wsman', '--user', 'u', '--password-env', 'PW', '--', '$(evil)']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('after -- give a command name like Get-ChatOpsVm');
});
