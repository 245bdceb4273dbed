/**
 * @module slack/limits: Slack's documented limits, as tables named after the page that
 * states them. The renderer and the send queue stay under these; nothing is ever rejected.
 */

/** Block Kit reference: blocks, block elements and composition objects (docs.slack.dev/reference/block-kit). */
export const BLOCK_KIT_LIMITS = {
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** header block: plain_text. */
  headerText: 150,
  /** section block: text. */
  sectionText: 3000,
  /** section block: fields, count and length of each. */
  sectionFields: 10,
  fieldText: 2000,
  /** context block: elements, and a mrkdwn text object. */
  contextElements: 10,
  contextText: 3000,
  /** actions block: elements. */
  actionsElements: 25,
  /** button element: text, value, action_id. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** confirmation dialog object. */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** chat.postMessage reference: `text` is truncated by Slack beyond this length. */
export const MESSAGE_TEXT_LIMIT = 40_000;

/**
 * Web API rate limits (docs.slack.dev/apis/web-api/rate-limits): chat.postMessage "one message
 * per second per channel"; chat.update Tier 3 (50+ per minute); chat.postEphemeral Tier 4
 * (100+ per minute). The adapter's defaults sit at the documented floor.
 */
export const RATE_LIMITS = {
  postsPerSecondPerChannel: 1,
  updatesPerMinute: 50,
  ephemeralsPerMinute: 100,
} as const;

export type RateLimits = { -readonly [K in keyof typeof RATE_LIMITS]: number };

/**
 * What one client may cost the HTTP receiver before its signature is checked. Bolt's
 * HTTPReceiver lets us set the body limit (`bodyLimit`, enforced by raw-body as the body is
 * counted) and, through the options it passes to node:http, the timeouts; the socket cap is
 * set on the server it returns. It offers no hook before it reads a request, so it cannot
 * refuse from Content-Length alone, nor cap requests awaiting verification apart from sockets.
 * A mention of 40,000 characters (the longest message, chat.postMessage) arrives twice in an
 * event (text and rich_text blocks), up to about 240 KB in UTF-8: the body limit sits above.
 */
export interface SlackHttpLimits {
  maxBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  timeoutCheckIntervalMs: number;
  maxConnections: number;
}

export const SLACK_HTTP_LIMITS: SlackHttpLimits = {
  maxBodyBytes: 512 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 128,
};
