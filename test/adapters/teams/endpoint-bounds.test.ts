/**
 * What a client costs /api/messages before it has authenticated: bodies over the limit are
 * refused before they are read, idle and slow clients are cut off, open sockets and requests
 * awaiting authentication are capped. Real sockets on 127.0.0.1 against the real adapter; the
 * timeouts are made short here so that the tests wait for events, never for a clock.
 */
import { alice, channelMention, membersAdded } from './helpers/activities.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { openRaw, postHead, sendUntilAnswered, type RawConnection } from '../../support/raw-http.js';

const MiB = 1024 * 1024;

describe('Teams endpoint bounds', () => {
  let h: Harness;
  const open: RawConnection[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) c.socket.destroy();
    await h.close();
  });
  const raw = async () => {
    const c = await openRaw(h.teams.port()!);
    open.push(c);
    return c;
  };

  test('a 1 MiB body announced by Content-Length is refused (413) before any of it is sent (the limit is 256 KiB)', async () => {
    h = await startHarness();
    const c = await raw();
    await c.write(postHead({ 'content-length': MiB }));
    expect(await c.status()).toBe(413);
    await c.closed;
    await h.teams.settled();
    expect(h.capture.requests).toHaveLength(0);
  });

  test('a 1 MiB body sent in chunks is refused once it passes the limit; the rest is never read', async () => {
    h = await startHarness();
    const c = await raw();
    await c.write(postHead({ 'transfer-encoding': 'chunked' }));
    const sent = await sendUntilAnswered(c, MiB, true);
    await c.closed;
    // The 413 is written, then the socket closed with the body unread; the client's stack may
    // drop the answer on the reset that follows (RFC 9112 9.6), so either is a refusal.
    const answer = c.received();
    expect(answer === '' || answer.startsWith('HTTP/1.1 413')).toBe(true);
    expect(sent).toBeLessThan(MiB);
    expect(h.capture.requests).toHaveLength(0);
  });

  test('a connection that sends nothing is closed once the headers timeout passes', async () => {
    h = await startHarness({ limits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 50 } });
    const idle = await raw();
    await idle.closed;
    expect(idle.socket.destroyed).toBe(true);
  });

  test('a request that stalls halfway through its body is cut off', async () => {
    h = await startHarness({ limits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 50 } });
    const slow = await raw();
    await slow.write(postHead({ 'content-length': 100 }) + '{"type":');
    await slow.closed;
    expect(slow.received()).not.toMatch(/^HTTP\/1\.1 200/);
    expect(h.capture.requests).toHaveLength(0);
  });

  test('an idle keep-alive connection is closed after its request', async () => {
    h = await startHarness({ limits: { keepAliveTimeoutMs: 100 } });
    const c = await raw();
    const body = JSON.stringify(membersAdded(h.capture.url, [alice]));
    await c.write(postHead({ 'content-length': Buffer.byteLength(body), connection: 'keep-alive' }) + body);
    expect(await c.status()).toBe(200);
    await c.closed;
    expect(c.received()).toMatch(/keep-alive/i);
  });

  test('open connections are capped: one more is dropped, and accepted again once one closes', async () => {
    h = await startHarness({ limits: { maxConnections: 3 } });
    const held = [await raw(), await raw(), await raw()];
    const extra = await raw();
    await extra.closed;
    expect(extra.received()).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = await h.send(membersAdded(h.capture.url, [alice])).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });

  test('requests awaiting authentication are capped: the next is answered 503 at once', async () => {
    h = await startHarness({ limits: { maxUnauthenticated: 2 } });
    const stalled = [await raw(), await raw()];
    for (const s of stalled) await s.write(postHead({ 'content-length': 100 }) + '{"type":');
    // Both requests are being read; give the server the moment it needs to see them.
    for (let i = 0; i < 100; i++) {
      const probe = await h.send(channelMention(h.capture.url, alice, 'nodes'));
      if (probe.status === 503) break;
      if (i === 99) throw new Error('no request was refused');
    }
    const refused = await raw();
    const body = JSON.stringify(channelMention(h.capture.url, alice, 'nodes'));
    await refused.write(postHead({ 'content-length': Buffer.byteLength(body) }) + body);
    expect(await refused.status()).toBe(503);
    expect(refused.received()).toMatch(/retry-after: 1/i);
    for (const s of stalled) s.socket.destroy();
    await Promise.all(stalled.map((s) => s.closed));
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) status = (await h.send(membersAdded(h.capture.url, [alice]))).status;
    expect(status).toBe(200);
  });
});
