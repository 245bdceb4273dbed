/**
 * @module slack/web-client: the Web API client the adapter sends with. Slack answers 429
 * with Retry-After; @slack/web-api then pauses its queue for that long and retries (the
 * retry policy below); the send queue makes that rare. Errors become SlackApiError.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { SlackApiError } from './errors.js';

export interface SlackWebClientOptions {
  token: string;
  /** `https://slack.com/api/` unless a proxy or a test server stands in. */
  apiUrl: string;
  logger: Logger;
  /** Per-request timeout (default 30 s), so one hung call cannot stall a channel. */
  timeoutMs?: number;
  /** Told each time Slack answers 429 and the client waits (for metrics). */
  onRateLimited?: (waitMs: number) => void;
}

/**
 * p-retry options for @slack/web-api: five retries, 0.5 s growing threefold (about a minute
 * in all) on top of any Retry-After wait the client already honoured.
 */
export const SLACK_RETRY_POLICY = { retries: 5, factor: 3, minTimeout: 500, maxTimeout: 30_000, randomize: true } as const;

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export function createSlackWebClient(o: SlackWebClientOptions): SlackWebClient {
  const client = new webApi.WebClient(o.token, {
    slackApiUrl: o.apiUrl,
    logger: boltLogger(o.logger, 'slack-web-api'),
    retryConfig: { ...SLACK_RETRY_POLICY },
    rejectRateLimitedCalls: false,
    timeout: o.timeoutMs ?? 30_000,
  });
  client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request: { url?: string }) => {
    o.logger.warn({ retryAfterSeconds, method: request.url?.split('/').pop() }, 'Slack rate limit reached; waiting as told');
    o.onRateLimited?.(retryAfterSeconds * 1000);
  });
  return client;
}

/** Runs one Web API call; whatever fails comes back as a SlackApiError naming the method. */
export async function callSlack<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof webApi.WebAPIPlatformError) throw new SlackApiError(method, error.data.error);
    if (error instanceof webApi.WebAPIRateLimitedError) throw new SlackApiError(method, 'ratelimited');
    if (error instanceof webApi.WebAPIHTTPError) throw new SlackApiError(method, `http_${error.statusCode}`);
    throw new SlackApiError(method, error instanceof webApi.WebAPIRequestError ? 'request_failed' : 'unknown_error');
  }
}
