/** @module teams/errors: what can go wrong at the Teams edge, as coded classes with fields. */

export type TeamsErrorCode = 'send-failed' | 'unknown-conversation' | 'unsafe-binding' | 'server-failed' | 'unauthenticated' | 'refused-activity' | 'missing-tenants';

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

/** Why an authenticated activity is not taken (activity-admission). */
export type RefusalReason = 'channel' | 'no-tenant' | 'tenant-mismatch' | 'foreign-tenant';

const REFUSALS: Record<RefusalReason, string> = {
  channel: 'the activity does not come from Teams (channelId is not msteams)',
  'no-tenant': 'the activity names no tenant',
  'tenant-mismatch': "the conversation's tenant is not the activity's tenant",
  'foreign-tenant': 'the activity comes from a tenant that is not in teams.tenants',
};

/** An authenticated activity the bot does not take: answered 403, nothing runs. */
export class RefusedActivityError extends TeamsError {
  constructor(
    readonly reason: RefusalReason,
    /** The channel or tenant ids seen (cut short), for the log. */
    readonly seen: string,
  ) {
    super('refused-activity', `Teams activity refused: ${REFUSALS[reason]}.`);
  }
}

/** With credentials, the tenants whose activities are taken must be named. */
export class MissingTenantsError extends TeamsError {
  constructor() {
    super('missing-tenants', 'Teams with app credentials needs teams.tenants: the Entra tenant id(s) whose people may use the bot.');
  }
}
