/**
 * Replays pypsrp's PSRP exchanges recorded against real Windows servers (PowerShell 5.1 on
 * Server 2016, one on a JEA configuration): our client opens the pool and runs the same
 * pipelines through the real HTTP transport against a loopback server that answers with the
 * recorded responses. Our requests must equal the recorded ones by meaning (fragments decoded,
 * message types and CLIXML objects compared, GUIDs replaced), and the recorded answers must read
 * as the right output, records and failures.
 */
import { createTransport } from '../../../src/remoting/transport/create-transport.js';
import { createWsmanClient } from '../../../src/remoting/wsman/client.js';
import { createPsrpClient, type PsrpClient } from '../../../src/remoting/psrp/client.js';
import { PipelineFailedError } from '../../../src/remoting/psrp/errors.js';
import { PsObject } from '../../../src/remoting/psrp/clixml/value.js';
import { createWsmanPsrpTransport } from '../../../src/remoting/psrp/wsman-transport.js';
import { startLoopback } from '../wsman/helpers/loopback.js';
import { messageIdOf, readRecording } from '../wsman/helpers/recordings.js';
import { GuidNames, psrpShapeOf } from './psrp-shape.js';

/** The recorded shell and command ids, answered back with ours (as the server echoes what it was sent). */
class RecordedIds {
  private readonly map = new Map<string, string>();
  learn(recordedRequest: string, ourRequest: string): void {
    const ids = (xml: string) => [...xml.matchAll(/(?:ShellId|CommandId)="([0-9A-Fa-f-]{36})"/g)].map((m) => m[1] ?? '');
    const ours = ids(ourRequest);
    ids(recordedRequest).forEach((id, i) => ours[i] && this.map.set(id.toUpperCase(), ours[i]!.toUpperCase()));
  }
  apply(response: string): string {
    return response.replace(/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/g, (g) => this.map.get(g.toUpperCase()) ?? g);
  }
}

type Scenario = (client: PsrpClient) => Promise<void>;

const script = (text: string) => ({ name: text, isScript: true });

const scenarios: Readonly<Record<string, { configuration?: string; run: Scenario }>> = {
  'test_psrp_open_runspace.yml': { run: (client) => client.warm() },
  'test_psrp_with_jea_configuration.yml': {
    configuration: 'JEARole',
    async run(client) {
      const item = await client.invoke({ name: 'Get-Item', parameters: { Path: 'WSMan:\\localhost\\Service\\AllowUnencrypted' } });
      expect((item.output[0] as PsObject).get('Value')).toBe('true');
      const refused = await client
        .invokeStatements([[{ name: 'Get-Item', parameters: { Path: 'C:\\Windows' } }], [script('Set-Item -Path WSMan:\\localhost\\Service\\AllowUnencrypted -Value $false')]])
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PipelineFailedError);
      expect(refused).toMatchObject({ errorId: 'ScriptsNotAllowed' });
    },
  },
  'test_psrp_stream_output_invocation.yml': {
    async run(client) {
      const progress: string[] = [];
      const text =
        "$DebugPreference = 'Continue'\n            $VerbosePreference = 'Continue'\n            Write-Debug 'debug stream'\n            Write-Verbose 'verbose stream'\n            Write-Error 'error stream'\n            Write-Output 'output stream'\n            Write-Warning 'warning stream'\n            Write-Information 'information stream'\n            ";
      const result = await client.invoke(script(text), { onProgress: (p) => progress.push(p.activity) });
      expect(result.output).toEqual(['output stream']);
      expect(result.debug).toEqual(['debug stream']);
      expect(result.verbose).toEqual(['verbose stream']);
      expect(result.warnings).toEqual(['warning stream']);
      expect(result.errors.map((e) => [e.message, e.fullyQualifiedErrorId])).toEqual([['error stream', 'Microsoft.PowerShell.Commands.WriteErrorException']]);
      expect(result.information).toEqual([expect.objectContaining({ messageData: 'information stream' })]);
      expect(progress).toHaveLength(1);
    },
  },
  'test_psrp_error_failed.yml': {
    async run(client) {
      const error = await client.invoke(script("$ErrorActionPreference = 'Stop'; Write-Output before; Write-Error error; Write-Output after")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PipelineFailedError);
      expect(error).toMatchObject({ errorId: 'Microsoft.PowerShell.Commands.WriteErrorException', reason: 'error' });
    },
  },
};

describe.each(Object.keys(scenarios))('%s', (file) => {
  it('sends the recorded PSRP messages and reads the recorded answers', async () => {
    const recorded = readRecording(`psrp/${file}`);
    const received: string[] = [];
    const ids = new RecordedIds();
    const server = await startLoopback((_req, body, res) => {
      const request = body.toString('utf8');
      const message = recorded[received.length];
      received.push(request);
      if (!message) return void res.writeHead(599).end();
      ids.learn(message.request, request);
      const response = ids.apply(message.response.replace(messageIdOf(message.request) ?? '', messageIdOf(request) ?? ''));
      res.writeHead(message.status, { 'Content-Type': 'application/soap+xml;charset=UTF-8' }).end(response);
    });
    const { configuration, run } = scenarios[file]!;
    const client = createPsrpClient({
      connect: () => {
        const transport = createTransport({ endpoint: server.url, auth: { scheme: 'basic', username: 'vagrant', password: 'vagrant', allowUnencryptedHttp: true } });
        return createWsmanPsrpTransport({ client: createWsmanClient({ transport }), configurationName: configuration });
      },
    });
    try {
      await run(client);
    } finally {
      await client.close();
      await server.close();
    }
    const ours = new GuidNames();
    const theirs = new GuidNames();
    expect(received.map((r) => psrpShapeOf(r, ours))).toEqual(recorded.map((m) => psrpShapeOf(m.request, theirs)));
  });
});
