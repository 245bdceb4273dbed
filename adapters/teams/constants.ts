/**
 * @module teams/constants: the Teams and Bot Framework protocol values this adapter relies
 * on, each table named after the document it comes from.
 */

export const TEAMS_PLATFORM = 'teams';

/** Bot Framework Activity schema: the channel id of Teams. */
export const BOT_FRAMEWORK_ACTIVITY = { channelId: 'msteams' } as const;

/** Teams channel threads: a thread's conversation id is `<channel id>;messageid=<root id>`. */
export const THREAD_SEPARATOR = ';messageid=' as const;

/** Universal Actions for Adaptive Cards (msteams-docs, Work-with-Universal-Actions-for-Adaptive-Cards). */
export const UNIVERSAL_ACTIONS = {
  invokeName: 'adaptiveCard/action',
  cardContentType: 'application/vnd.microsoft.card.adaptive',
  messageResponseType: 'application/vnd.microsoft.activity.message',
  errorResponseType: 'application/vnd.microsoft.error',
  /** The verb of the card's refresh action; the others are the neutral ChatActions. */
  refreshVerb: 'refresh',
  /** refresh.userIds holds at most 60 users. */
  maxRefreshUsers: 60,
  schemaVersion: '1.5',
  schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
} as const;

/**
 * Rate limits per bot per conversation (msteams-docs bots/how-to/rate-limit.md, "Per bot
 * per thread limit": send to conversation 7 / 1 s, 8 / 2 s, 60 / 30 s, 1800 / 3600 s).
 */
export const TEAMS_CONVERSATION_LIMITS = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
] as const;

/** Per app per tenant (rate-limit.md, "Per app per tenant": 50 requests a second). */
export const TEAMS_APP_LIMITS = [{ limit: 50, windowMs: 1_000 }] as const;

/** rate-limit.md, "Handle rate limits": retry these with exponential backoff and jitter. */
export const TEAMS_RETRYABLE_STATUS = [412, 429, 502, 504] as const;

/**
 * Bot Framework authentication, public cloud (botframework-connector AuthenticationConstants);
 * spelled out because overriding one endpoint means passing all of them.
 */
export const BOT_FRAMEWORK_PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;
