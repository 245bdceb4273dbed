/** @module teams/errors: what can go wrong at the Teams edge, as coded classes with fields. */

export type TeamsErrorCode = 'send-failed' | 'unknown-conversation' | 'unsafe-binding' | 'server-failed' | 'unauthenticated';

export class TeamsError extends Error {
  override readonly name: string = 'TeamsError';
  constructor(
    readonly code: TeamsErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** The Bot Connector answered a send or update with an error status (or none at all). */
export class TeamsSendError extends TeamsError {
  constructor(
    readonly operation: 'send' | 'reply' | 'update',
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    readonly connectorCode: string | undefined,
    cause?: unknown,
  ) {
    super('send-failed', `Bot Connector ${operation} failed${status ? ` with HTTP ${status}` : ''}${connectorCode ? ` (${connectorCode})` : ''}`, cause);
  }
}

/** A message for a conversation the bot has never heard from: no service URL to reach it. */
export class UnknownConversationError extends TeamsError {
  constructor(readonly conversation: string) {
    super('unknown-conversation', `No Teams conversation reference is stored for ${conversation}; the bot must receive a message there first.`);
  }
}

/** Without credentials the endpoint must stay on the loopback interface. */
export class UnsafeBindingError extends TeamsError {
  constructor(readonly host: string) {
    super('unsafe-binding', `Teams without credentials accepts unsigned requests, so it listens on 127.0.0.1 only; ${host} was asked for. Configure the app credentials to listen elsewhere.`);
  }
}

export class ServerFailedError extends TeamsError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly systemCode: string | undefined,
  ) {
    super('server-failed', `The Teams endpoint could not listen on ${host}:${port}${systemCode ? ` (${systemCode})` : ''}.`);
  }
}
