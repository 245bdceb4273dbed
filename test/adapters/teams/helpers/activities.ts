/**
 * Teams activities as the Bot Connector delivers them (shapes from the msteams-docs
 * examples: a channel post that @mentions the bot, an adaptiveCard/action invoke, a
 * conversationUpdate when the bot is added to a team).
 */
export const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
export const CHANNEL = '19:ops-channel@thread.tacv2';
export const BOT = { id: '28:bot-app-id', name: 'HyperV' };

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

export const alice: Person = { id: '29:alice-mri', aadObjectId: 'aad-alice', name: 'alice' };
export const bob: Person = { id: '29:bob-mri', aadObjectId: 'aad-bob', name: 'bob' };
export const carol: Person = { id: '29:carol-mri', aadObjectId: 'aad-carol', name: 'carol' };
export const dave: Person = { id: '29:dave-mri', aadObjectId: 'aad-dave', name: 'dave' };

let seq = 1000;
export const nextId = () => `${1_700_000_000_000 + ++seq}`;

const base = (serviceUrl: string) => ({
  channelId: 'msteams',
  serviceUrl,
  recipient: BOT,
  channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } },
  locale: 'en-US',
});

/** A new channel post that @mentions the bot: Teams puts it in its own thread. */
export function channelMention(serviceUrl: string, from: Person, command: string, id = nextId()) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl),
    type: 'message',
    id,
    from,
    conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    text: `${mention} ${command}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

export function chatMessage(serviceUrl: string, from: Person, conversation: { id: string; type: 'personal' | 'groupChat' }, text: string, id = nextId()) {
  const mention = `<at>${BOT.name}</at>`;
  const mentioned = conversation.type === 'groupChat';
  return {
    ...base(serviceUrl),
    type: 'message',
    id,
    from,
    conversation: { id: conversation.id, conversationType: conversation.type, tenantId: TENANT, ...(mentioned ? { isGroup: true } : {}) },
    text: mentioned ? `${mention} ${text}` : text,
    ...(mentioned ? { entities: [{ type: 'mention', text: mention, mentioned: BOT }] } : {}),
  };
}

/** A click on an Action.Execute button (or the card's automatic refresh). */
export function cardInvoke(serviceUrl: string, from: Person, thread: string, cardId: string, verb: string, data: Record<string, unknown>, trigger: 'manual' | 'automatic' = 'manual') {
  return {
    ...base(serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    from,
    conversation: { id: `${CHANNEL};messageid=${thread}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    replyToId: cardId,
    value: { action: { type: 'Action.Execute', id: `${verb}-button`, verb, data }, trigger },
  };
}

/** The bot was added to the team: Teams lists the members, with their AAD object ids. */
export function membersAdded(serviceUrl: string, members: Person[]) {
  return {
    ...base(serviceUrl),
    type: 'conversationUpdate',
    id: nextId(),
    from: alice,
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [BOT, ...members],
  };
}

/** The same activity as sent from another tenant: the activity's tenant, and the conversation's unless given apart. */
export function fromTenant<T extends { channelData: object; conversation: object }>(activity: T, tenant: string, conversationTenant = tenant): T {
  return { ...activity, channelData: { ...activity.channelData, tenant: { id: tenant } }, conversation: { ...activity.conversation, tenantId: conversationTenant } };
}
