/** @module slack/errors: what can go wrong at the Slack edge, as small coded errors. */

/** A Web API call that Slack refused (`ok: false`) or that could not be made. */
export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';
  readonly code = 'slack-api';
  constructor(
    readonly method: string,
    /** Slack's error string (`not_in_channel`, `invalid_auth`, …) or the transport's error code. */
    readonly slackError: string,
  ) {
    super(`Slack ${method} failed: ${slackError}`);
  }
}

/** The adapter could not start: the token was refused, or the port is taken. */
export class SlackStartError extends Error {
  override readonly name = 'SlackStartError';
  readonly code = 'slack-start';
  constructor(
    readonly stage: 'auth' | 'listen' | 'socket',
    readonly detail: string,
  ) {
    super(`The Slack adapter could not start (${stage}): ${detail}`);
  }
}
