/** Fuzz: whatever JSON arrives as a Teams activity, parsing it never throws and never invents an identity. */
import fc from 'fast-check';
import { cardAction, commandText, parseInbound } from '../../adapters/teams/activity-parse.js';
import { identify, NO_IDENTITIES } from '../../adapters/teams/tenant-identity.js';
import { admitActivity } from '../../adapters/teams/activity-admission.js';
import { RefusedActivityError } from '../../adapters/teams/errors.js';
import { fuzzRuns } from './fuzz-settings.js';

const account = fc.record({ id: fc.string(), name: fc.option(fc.string()), aadObjectId: fc.option(fc.oneof(fc.uuid(), fc.string())) }, { requiredKeys: [] });
const activity = fc.record(
  {
    type: fc.constantFrom('message', 'invoke', 'conversationUpdate', ''),
    id: fc.string(),
    channelId: fc.constantFrom('msteams', 'webchat', 'emulator'),
    serviceUrl: fc.oneof(fc.webUrl(), fc.string()),
    text: fc.string(),
    from: fc.oneof(account, fc.anything()),
    recipient: fc.oneof(account, fc.anything()),
    conversation: fc.oneof(fc.record({ id: fc.string(), tenantId: fc.option(fc.string()), conversationType: fc.option(fc.string()) }, { requiredKeys: [] }), fc.anything()),
    channelData: fc.anything(),
    value: fc.anything(),
  },
  { requiredKeys: [] },
);

test('any activity-shaped object: an inbound with a Teams actor, or undefined', () => {
  fc.assert(
    fc.property(fc.oneof(activity, fc.object()), (a) => {
      const inbound = parseInbound(a as never, (from) => identify(from, 'tenant', NO_IDENTITIES));
      if (!inbound) return;
      expect(inbound.actor.platform).toBe('teams');
      const aad = (a as { from?: { aadObjectId?: unknown } }).from?.aadObjectId;
      // Without an AAD object id, the id is one no configured user can hold.
      if (typeof aad !== 'string' || aad.trim() === '') expect(inbound.actor.id.startsWith('unverified:')).toBe(true);
    }),
    fuzzRuns(2000),
  );
});

test('message text and card actions: never throw; an action needs a positive safe integer id', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.anything(), (text, verb, data) => {
      expect(typeof commandText(text)).toBe('string');
      const action = cardAction(verb, data);
      if (action) expect(Number.isSafeInteger(action.requestId) && action.requestId > 0).toBe(true);
    }),
    fuzzRuns(2000),
  );
});

test('admission: only msteams activities from a configured tenant, with one tenant throughout, are taken', () => {
  const tenants = new Set(['t-1']);
  fc.assert(
    fc.property(fc.oneof(activity, fc.object()), fc.constantFrom('t-1', 'T-1', 't-2', ''), fc.constantFrom('t-1', 't-2', undefined), (a, fromData, fromConversation) => {
      const candidate = { ...(a as object), channelData: { tenant: { id: fromData } }, conversation: { ...((a as { conversation?: object }).conversation ?? {}), tenantId: fromConversation } };
      let admitted: string | undefined;
      try {
        admitted = admitActivity(candidate as never, tenants);
      } catch (error) {
        expect(error).toBeInstanceOf(RefusedActivityError);
        return;
      }
      expect((a as { channelId?: unknown }).channelId).toBe('msteams');
      expect(admitted).toBe('t-1');
      if (fromConversation !== undefined && fromData !== '') expect(fromConversation.toLowerCase()).toBe(fromData.toLowerCase());
    }),
    fuzzRuns(2000),
  );
});
