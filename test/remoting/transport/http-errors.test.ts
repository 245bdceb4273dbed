/** What an operator sees when WinRM is unreachable, refuses us, or answers something else. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthenticationError,
  ConnectionError,
  HttpStatusError,
  RelatesToMismatchError,
  RemotingConfigError,
  TimeoutError,
} from '../../../src/remoting/errors.js';
import { createTransport, type AuthOptions } from '../../../src/remoting/transport/create-transport.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { createWsmanClient } from '../../../src/remoting/wsman/client.js';
import { createShell } from '../../../src/remoting/wsman/shell.js';
import { startFakeWinrsHost } from '../wsman/helpers/fake-winrs-host.js';
import { closedPort, startLoopback } from '../wsman/helpers/loopback.js';
import { readWinrb } from '../wsman/helpers/recordings.js';
import { makeCert, removeCerts } from './helpers/certs.js';

const basic: AuthOptions = { scheme: 'basic', username: 'admin', password: 'pw', allowUnencryptedHttp: true };

/** Create a shell against a server answering with `handler`; resolves with what was thrown. */
async function createAgainst(handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void, auth = basic, timeouts = {}) {
  const server = await startLoopback(handler);
  const client = createWsmanClient({ transport: createTransport({ endpoint: server.url, auth }), ...timeouts });
  try {
    return await createShell(client).then(() => undefined, (e: unknown) => e);
  } finally {
    client.close();
    await server.close();
  }
}

const challenge = (...offers: string[]) => (_req: IncomingMessage, _body: Buffer, res: ServerResponse) =>
  void res.writeHead(401, { 'WWW-Authenticate': offers }).end();

describe('401 explained', () => {
  it('Basic over HTTPS that the server does not offer: Basic is disabled', async () => {
    const cert = makeCert('IP:127.0.0.1');
    const server = await startLoopback(challenge('Negotiate', 'Kerberos'), cert);
    const auth: AuthOptions = { scheme: 'basic', username: 'admin', password: 'pw' };
    const client = createWsmanClient({ transport: createTransport({ endpoint: server.url, auth, tls: { caFile: cert.certFile } }) });
    const error = await createShell(client).catch((e: unknown) => e);
    client.close();
    await server.close();
    removeCerts();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ failure: 'basic-disabled', offered: ['Negotiate', 'Kerberos'] });
    expect((error as Error).message).toMatch(/Basic is off|enable it/);
  });

  it('Basic over plain HTTP that the server does not offer: unencrypted messages refused', async () => {
    const error = await createAgainst(challenge('Negotiate', 'Kerberos'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ failure: 'unencrypted-refused', scheme: 'basic', offered: ['Negotiate', 'Kerberos'] });
    expect((error as Error).message).toMatch(/AllowUnencrypted/);
  });

  it('Basic offered but refused: wrong credentials, without the password in the message', async () => {
    const error = await createAgainst(challenge('Basic realm="WSMAN"', 'Negotiate'));
    expect(error).toMatchObject({ failure: 'wrong-credentials', username: 'admin', offered: ['Basic', 'Negotiate'] });
    expect((error as Error).message).not.toContain('pw');
  });
});

describe('other answers', () => {
  it('connection refused names the host and port', async () => {
    const port = await closedPort();
    const runner = createWinrsRunner({ endpoint: `http://127.0.0.1:${port}/wsman`, auth: basic });
    const error = await runner.run('x', []).catch((e: unknown) => e);
    await runner.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ failure: 'refused', host: '127.0.0.1', port, systemCode: 'ECONNREFUSED' });
  });

  it('a 404 page says the path is not a WS-Management endpoint', async () => {
    const error = await createAgainst((_req, _body, res) => void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>'));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toMatch(/\/wsman/);
  });

  it('a 500 without a SOAP fault hints at refused unencrypted messages', async () => {
    const error = await createAgainst((_req, _body, res) => void res.writeHead(500).end());
    expect(error).toMatchObject({ kind: 'http-status', status: 500 });
    expect((error as Error).message).toMatch(/AllowUnencrypted/);
  });

  it('an answer to another request is refused', async () => {
    const error = await createAgainst((_req, _body, res) =>
      void res.writeHead(200, { 'Content-Type': 'application/soap+xml;charset=UTF-8' }).end(readWinrb('open_shell_v2.xml')),
    );
    expect(error).toBeInstanceOf(RelatesToMismatchError);
    expect(error).toMatchObject({ actual: 'uuid:EA2A7785-D8E6-4E28-8AD8-FC27156537B3' });
  });

  it('a server that never answers hits the HTTP read timeout', async () => {
    const error = await createAgainst(() => undefined, basic, { operationTimeoutMs: 1000, httpReadTimeoutMs: 1300 });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'http-read', timeoutMs: 1300 });
  });

  it('a kept-alive connection the server dropped is retried once on a new one', async () => {
    const host = await startFakeWinrsHost();
    const seen = new WeakSet<object>();
    let dropped = 0;
    const proxy = await startLoopback(async (req, body, res) => {
      if (seen.has(req.socket) && dropped === 0) {
        dropped++;
        return void req.socket.destroy();
      }
      seen.add(req.socket);
      const upstream = await fetch(host.url, { method: 'POST', body: new Uint8Array(body), headers: { 'Content-Type': 'application/soap+xml;charset=UTF-8' } });
      res.writeHead(upstream.status, { 'Content-Type': 'application/soap+xml;charset=UTF-8' }).end(Buffer.from(await upstream.arrayBuffer()));
    });
    const runner = createWinrsRunner({ endpoint: proxy.url, auth: basic });
    try {
      expect((await runner.run('echo', ['ok'])).stdout.toString()).toBe('ok');
      expect(dropped).toBe(1);
      expect(host.stats.commands).toHaveLength(1);
    } finally {
      await runner.close();
      await proxy.close();
      await host.close();
    }
  });
});

describe('settings refused before anything is sent', () => {
  it('Basic over plain HTTP needs an explicit allowance', () => {
    expect(() => createWinrsRunner({ endpoint: 'http://node1:5985/wsman', auth: { scheme: 'basic', username: 'a', password: 'b' } })).toThrow(
      RemotingConfigError,
    );
  });

  it('an HTTP read timeout that is not above the operation timeout', () => {
    const error = (() => {
      try {
        createWinrsRunner({ endpoint: 'https://node1:5986/wsman', auth: basic, operationTimeoutMs: 20000, httpReadTimeoutMs: 20000 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ kind: 'configuration', field: 'httpReadTimeoutMs' });
  });

  it('an endpoint that is not an http(s) URL', () => {
    expect(() => createWinrsRunner({ endpoint: 'ftp://node1/wsman', auth: basic })).toThrow(/http:\/\/ or https:\/\//);
  });
});
