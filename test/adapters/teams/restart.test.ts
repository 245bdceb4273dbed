/**
 * After a restart the bot still reaches a request's card and thread: the core keeps the
 * MessageRef, the Teams directory file keeps the conversation reference (service URL,
 * type, tenant, bot id) and the live approval card, so nothing has to arrive first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alice, bob, carol, CHANNEL, cardInvoke, channelMention, dave, membersAdded } from './helpers/activities.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { cardOf, cardText, startHarness, waitFor } from './helpers/harness.js';

describe('Teams after a restart', () => {
  let dir: string;
  let capture: CaptureServer;
  let now = 0;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'teams-restart-'));
    capture = await startCaptureServer(() => now);
  });
  afterEach(async () => {
    await capture.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a pending card is refreshed for approvers and updated when it expires, from the stored reference', async () => {
    const files = { stateFile: join(dir, 'state.json'), directoryFile: join(dir, 'teams-directory.json'), capture };
    const before = await startHarness(files);
    await before.send(membersAdded(capture.url, [alice, bob, carol, dave]));
    const post = channelMention(capture.url, alice, 'migrate vm42 to node2');
    await before.send(post);
    await waitFor(() => capture.delivered().length === 1, 'the approval card');
    const cardId = capture.delivered()[0]!.newId!;
    await before.close();
    const stored = JSON.parse(await readFile(files.directoryFile, 'utf8')) as { conversations: Record<string, { serviceUrl: string }> };
    expect(stored.conversations[CHANNEL]!.serviceUrl).toBe(capture.url);

    // Restarted once: an approver's card refresh still gets the buttons from the stored card.
    const again = await startHarness(files);
    try {
      now = again.clock.now();
      const refreshed = await again.send(cardInvoke(capture.url, bob, post.id, cardId, 'refresh', { requestId: 1 }, 'automatic'));
      expect((refreshed.body as { value: { actions: { verb: string }[] } }).value.actions.map((a) => a.verb)).toEqual(['approve', 'deny']);
    } finally {
      await again.close();
    }

    // Restarted again, and nothing arrives from Teams: the expiry still reaches the card.
    const after = await startHarness(files);
    try {
      await after.clock.advance(31 * 60_000);
      now = after.clock.now();
      expect(await after.runtime.bot.sweep()).toBe(1);
      await after.teams.settled();
      const update = capture.delivered().at(-1)!;
      expect(update.method).toBe('PUT');
      expect(update.conversationId).toBe(`${CHANNEL};messageid=${post.id}`);
      expect(update.activityId).toBe(cardId);
      expect(cardText(cardOf(update.body))).toMatch(/Expired at/);
    } finally {
      await after.close();
    }
  });
});
