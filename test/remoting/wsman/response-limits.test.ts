/**
 * What a WinRM server sends back is bounded and authenticated: an unsealed reply on a sealed NTLM
 * session is refused unread (its text reaches no one); output per command, response size, XML and
 * CLIXML depth and element counts are capped with ResponseLimitError; the CLIXML decoder lets the
 * event loop run between records; error text names neither the service account nor its password.
 */
import { ResponseLimitError, WsmanProtocolError, AuthenticationError } from '../../../src/remoting/errors.js';
import { createNtlmServerContext, decryptWinrmBody, encryptWinrmBody, type NtlmSession } from '../../../src/remoting/ntlm/index.js';
import { decodeStderr, decodeStderrAsync } from '../../../src/remoting/powershell/index.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { parseMessage } from '../../../src/remoting/wsman/parse.js';
import { ResponseLimits } from '../../../src/remoting/wsman/constants.js';
import { toClusterError } from '../../../src/cluster/remote/error-mapping.js';
import { startServer, stopServers, credentials } from '../../cluster/winrm-server/helpers.js';
import { deepClixml, deepXml, faultSaying, manyClixmlRecords, wideClixmlRecord, wideXml } from './helpers/hostile-inputs.js';
import { startLoopback, type Loopback } from './helpers/loopback.js';

const account = { username: 'CONTOSO\\svc-chatops', password: 'Pa55-word-of-the-day' };
let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
  await stopServers();
});

type Answer = { sealed: boolean; status: number; soap: string };

/** An NTLM server over plain HTTP that authenticates properly, then answers the first message with `answer`. */
async function hostileNtlmServer(answer: Answer): Promise<string> {
  const contexts = new WeakMap<object, ReturnType<typeof createNtlmServerContext>>();
  loopback = await startLoopback((req, body, res) => {
    const token = Buffer.from(/^Negotiate (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '', 'base64');
    if (token.length > 12 && token.readUInt32LE(8) === 1) {
      const context = createNtlmServerContext({ targetName: 'NODE1', lookupPassword: () => account.password });
      contexts.set(req.socket, context);
      return void res.writeHead(401, { 'WWW-Authenticate': `Negotiate ${context.challenge(token).toString('base64')}` }).end();
    }
    const session: NtlmSession = (contexts.get(req.socket) ?? createNtlmServerContext({ targetName: 'x', lookupPassword: () => undefined })).accept(token).session;
    decryptWinrmBody(session, body, req.headers['content-type'] ?? '');
    const reply = answer.sealed ? encryptWinrmBody(session, Buffer.from(answer.soap)) : { body: Buffer.from(answer.soap), contentType: 'application/soap+xml;charset=UTF-8' };
    res.writeHead(answer.status, { 'Content-Type': reply.contentType }).end(reply.body);
  });
  return loopback.url;
}

const ntlmRunner = (endpoint: string) => createWinrsRunner({ endpoint, auth: { scheme: 'ntlm', ...account } });

describe('on a sealed NTLM session', () => {
  it('refuses an unsealed fault as a protocol error, and its text reaches neither the error nor chat', async () => {
    const endpoint = await hostileNtlmServer({ sealed: false, status: 500, soap: faultSaying('Run evil.exe now, the admin said so') });
    const runner = ntlmRunner(endpoint);
    const error = await runner.run('hostname', []).catch((e: unknown) => e);
    await runner.close();
    expect(error).toBeInstanceOf(WsmanProtocolError);
    expect(error).toMatchObject({ failure: 'unsealed' });
    const chat = toClusterError(error, { script: 'list-nodes' }) as Error;
    expect(chat.message).not.toContain('evil');
    expect(chat.message).toContain('unsealed response');
  });

  it('reads the same fault when it comes sealed, as Windows sends it', async () => {
    const endpoint = await hostileNtlmServer({ sealed: true, status: 500, soap: faultSaying('The shell was not found') });
    const runner = ntlmRunner(endpoint);
    await expect(runner.run('hostname', [])).rejects.toMatchObject({ kind: 'wsman-fault', reason: 'The shell was not found' });
    await runner.close();
  });
});

describe('bounds on a response', () => {
  it('refuses XML nested deeper than the bound before parsing it', () => {
    expect(() => parseMessage(deepXml(100_000))).toThrow(new ResponseLimitError('xml-depth', ResponseLimits.maxXmlDepth));
    expect(() => parseMessage(deepXml(20))).not.toThrow();
  });

  it('refuses a response with more elements than the bound', () => {
    expect(() => parseMessage(wideXml(100_000))).toThrow(new ResponseLimitError('xml-elements', ResponseLimits.maxXmlElements));
    expect(() => parseMessage(wideXml(400))).not.toThrow();
  });

  it('counts tags, not look-alikes: ">" and "<" inside attribute values, comments and CDATA', () => {
    const tricky = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x a="&lt;y>"><!-- <z><z><z> --><![CDATA[<w><w>]]></x></s:Body></s:Envelope>`;
    expect(parseMessage(tricky).body.localName).toBe('Body');
  });

  it('refuses one HTTP response larger than the bound, with the coded error', async () => {
    const endpoint = await hostileNtlmServer({ sealed: true, status: 200, soap: `<s:Envelope>${'A'.repeat(ResponseLimits.maxResponseBytes)}</s:Envelope>` });
    const runner = ntlmRunner(endpoint);
    await expect(runner.run('hostname', [])).rejects.toEqual(new ResponseLimitError('response-bytes', ResponseLimits.maxResponseBytes));
    await runner.close();
  });

  it("terminates a command whose output across Receives goes past the bound, and says which bound", async () => {
    const { url, server } = await startServer();
    const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials }, maxOutputBytes: 200_000, maxEnvelopeSize: 16384 });
    const error = await runner.run('big', ['150000', '100000']).catch((e: unknown) => e);
    expect(error).toEqual(new ResponseLimitError('output-bytes', 200_000));
    expect((error as Error).message).toBe("WinRM sent a response this client cannot read: the command's output (stdout and stderr together, in bytes) exceeds 200000.");
    expect(server.stats().operations).toMatchObject({ signal: 1 });
    expect((await runner.run('big', ['150000'])).stdout).toHaveLength(150_000);
    await runner.close();
  });
});

describe('bounds on the PowerShell error stream (CLIXML)', () => {
  it('refuses a record nested deeper than the bound', () => {
    expect(() => decodeStderr(deepClixml(50_000))).toThrow(new ResponseLimitError('clixml-depth', ResponseLimits.maxClixmlDepth));
  });

  it('refuses a record with more elements than the bound', () => {
    expect(() => decodeStderr(wideClixmlRecord(50_000))).toThrow(new ResponseLimitError('clixml-elements', ResponseLimits.maxClixmlElementsPerRecord));
  });

  it('decodes many records, letting the event loop run between them', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const decoded = await decodeStderrAsync(manyClixmlRecords(20_000));
    clearInterval(ticker);
    expect(decoded.warnings).toHaveLength(20_000);
    expect(decoded.warnings[0]).toBe('a warning from the script');
    expect(turns).toBeGreaterThan(0);
  });
});

describe('error text shown in chat', () => {
  it('does not name the service account when authentication fails', async () => {
    const { url } = await startServer();
    const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', username: 'CONTOSO\\svc-chatops', password: 'wrong' } });
    const error = await runner.run('echo', []).catch((e: unknown) => e);
    await runner.close();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).username).toBe('CONTOSO\\svc-chatops');
    expect((error as Error).message).not.toMatch(/svc-chatops/i);
  });

  it('removes the account and its password from a server message that echoes them', async () => {
    const echo = `Access denied for CONTOSO\\svc-chatops (svc-chatops, password ${account.password})`;
    const endpoint = await hostileNtlmServer({ sealed: true, status: 500, soap: faultSaying(echo) });
    const runner = ntlmRunner(endpoint);
    const error = await runner.run('hostname', []).catch((e: unknown) => e);
    await runner.close();
    const chat = (toClusterError(error, { script: 'list-nodes' }) as Error).message;
    expect(chat).toContain('Access denied for [the service account] ([the service account], password [redacted])');
    expect(chat).not.toMatch(/svc-chatops|Pa55/i);
  });
});
