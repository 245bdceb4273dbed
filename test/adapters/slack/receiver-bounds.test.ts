/**
 * The bounds Bolt's HTTP receiver takes from us, before any signature is checked: it listens
 * on 127.0.0.1 unless told otherwise, refuses a body over the limit while counting it, cuts
 * off idle and slow clients, caps open sockets. Real sockets against the real receiver; the
 * timeouts are made short so that the tests wait for events, never for a clock.
 */
import { listeningAddresses } from '../../support/listening-addresses.js';
import { openRaw, postHead, sendUntilAnswered, type RawConnection } from '../../support/raw-http.js';
import { slashCommand } from './signed-request.js';
import { OPS, U, startHarness, type SlackHarness } from './slack-harness.js';

const MiB = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

describe('Slack HTTP receiver bounds', () => {
  let h: SlackHarness;
  const open: RawConnection[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) c.socket.destroy();
    await h.close();
  });
  const raw = async () => {
    const c = await openRaw(h.adapter.port()!);
    open.push(c);
    return c;
  };

  test('without slack.http.host the receiver listens on 127.0.0.1 only', async () => {
    h = await startHarness({ http: { port: 0 } });
    expect((await listeningAddresses()).filter((a) => a.port === h.adapter.port()).map((a) => a.host)).toEqual(['127.0.0.1']);
  });

  test('a 1 MiB body is refused (413) once it passes the 512 KiB limit; the rest is never read', async () => {
    h = await startHarness();
    const c = await raw();
    await c.write(postHead({ 'content-length': MiB }, '/slack/events', FORM));
    const sent = await sendUntilAnswered(c, MiB, false);
    expect(await c.status()).toBe(413);
    expect(sent).toBeLessThan(MiB);
    await h.quiesce();
    expect(h.api.calls.map((call) => call.method)).toEqual(['auth.test']);
  });

  test('a connection that sends nothing is closed once the headers timeout passes', async () => {
    h = await startHarness({ httpLimits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 50 } });
    const idle = await raw();
    await idle.closed;
    expect(idle.socket.destroyed).toBe(true);
  });

  test('a request that stalls halfway through its body is cut off and runs nothing', async () => {
    h = await startHarness({ httpLimits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 50 } });
    const slow = await raw();
    await slow.write(postHead({ 'content-length': 500 }, '/slack/events', FORM) + 'command=%2Fhyperv&text=');
    await slow.closed;
    expect(slow.received()).not.toMatch(/^HTTP\/1\.1 200/);
    await h.quiesce();
    expect(h.api.calls.map((call) => call.method)).toEqual(['auth.test']);
  });

  test('open connections are capped: one more is dropped, and a command is taken again once one closes', async () => {
    h = await startHarness({ httpLimits: { maxConnections: 3 } });
    const held = [await raw(), await raw(), await raw()];
    const extra = await raw();
    await extra.closed;
    expect(extra.received()).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = await h.send(slashCommand({ text: 'nodes', userId: U.alice, channelId: OPS })).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });
});
