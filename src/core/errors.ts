/**
 * @module core/errors: failures a user is meant to read. A CommandError's message is shown
 * as written; anything else is logged and replaced by a short line with a correlation id.
 */

export type CommandErrorCode =
  | 'unknown-command'
  | 'usage'
  | 'invalid-argument'
  | 'not-found'
  | 'access-denied'
  | 'approval-refused'
  | 'busy'
  | 'preflight-failed'
  | 'cluster-unknown'
  | 'operation-failed'
  | 'too-long'
  | 'not-saved'
  | 'audit-not-written';

/** What a message quotes of something typed: at most `max` characters, so a pasted page never comes back whole. */
export function excerpt(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

export class CommandError extends Error {
  override readonly name: string = 'CommandError';
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class UnknownCommandError extends CommandError {
  constructor(
    readonly verb: string,
    readonly suggestions: readonly string[],
  ) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
    super('unknown-command', `I don't know the command \`${excerpt(verb)}\`.${hint} Type \`help\` for the list.`);
  }
}

export class UsageError extends CommandError {
  constructor(
    readonly command: string,
    readonly usage: readonly string[],
    readonly example: string | undefined,
    readonly problem: string,
  ) {
    const example_ = example ? `\nExample: \`${example}\`` : '';
    super('usage', `${problem}\nUsage: ${usage.map((u) => `\`${u}\``).join(' or ')}${example_}`);
  }
}

export class InvalidArgumentError extends CommandError {
  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super('invalid-argument', `The ${argument} ${reason}.`);
  }
}

export type ThingKind = 'VM' | 'node' | 'volume' | 'request' | 'job' | 'command' | 'person';

export class NotFoundError extends CommandError {
  constructor(
    readonly kind: ThingKind,
    readonly wanted: string,
    readonly where: string | undefined,
    readonly suggestions: readonly string[] = [],
  ) {
    const on = where ? ` on ${where}` : '';
    const hint = suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : '.';
    super('not-found', `No ${kind} named ${wanted}${on}${hint}`);
  }
}

export class AccessDeniedError extends CommandError {
  constructor(
    readonly who: string,
    readonly needed: string,
    readonly cluster: string | undefined,
    detail?: string,
  ) {
    const on = cluster ? ` on ${cluster}` : '';
    super('access-denied', detail ?? `${who} needs the ${needed} role${on} for that.`);
  }
}

export type ApprovalRefusal =
  | 'self-approval'
  | 'not-approver'
  | 'already-decided'
  | 'already-approved-by-you'
  | 'expired'
  | 'not-requester'
  | 'not-cancellable';

export class ApprovalRefusedError extends CommandError {
  constructor(
    readonly reason: ApprovalRefusal,
    message: string,
  ) {
    super('approval-refused', message);
  }
}

export class BusyError extends CommandError {
  constructor(
    readonly target: string,
    readonly requestId: number,
    readonly state: string,
  ) {
    super('busy', `${target} is busy with ${state === 'pending' ? 'request' : 'job'} #${requestId} (${state}).`);
  }
}

export class ClusterUnknownError extends CommandError {
  constructor(
    readonly cluster: string,
    readonly known: readonly string[],
  ) {
    super('cluster-unknown', `No cluster named ${cluster}. Configured: ${known.join(', ')}.`);
  }
}

export class PreflightFailedError extends CommandError {
  constructor(
    readonly summary: string,
    readonly facts: readonly { label: string; value: string; ok?: boolean }[],
  ) {
    const failed = facts.filter((f) => f.ok === false).map((f) => `${f.label}: ${f.value}`);
    super('preflight-failed', `Refused: ${summary}. ${failed.join('; ')}`);
  }
}

/** `vms page 9` when the list has three pages. */
export class PageOutOfRangeError extends CommandError {
  constructor(
    readonly page: number,
    readonly pages: number,
    readonly firstPage: string,
  ) {
    super('invalid-argument', `There ${pages === 1 ? 'is only one page' : `are only ${pages} pages`}, not page ${page}; \`${firstPage}\` shows the first.`);
  }
}

/** A command longer than the bot reads: refused before any parsing or searching. */
export class InputTooLongError extends CommandError {
  constructor(
    readonly what: 'characters' | 'words',
    readonly size: number,
    readonly limit: number,
  ) {
    super('too-long', `That message is too long for a command (${size.toLocaleString('en-US')} ${what}; at most ${limit.toLocaleString('en-US')}). Type \`help\` for the list.`);
  }
}

/**
 * The state could not be written (a full disk, a permission, an I/O error). A Store that
 * throws it has changed nothing, in memory or on disk: what was asked did not happen.
 */
export class StateNotSavedError extends CommandError {
  constructor(
    /** The system's error code (ENOSPC, EACCES, EIO, …). */
    readonly errno: string,
    readonly reason: string,
  ) {
    super('not-saved', `Nothing was done: I could not save my state (${reason}, ${errno}). Tell whoever runs the bot; try again once it is fixed.`);
  }
}

/** The audit log could not be written; the action whose entry it was is not taken. */
export class AuditNotWrittenError extends CommandError {
  constructor(
    readonly errno: string,
    readonly reason: string,
  ) {
    super('audit-not-written', `Nothing was done: I could not write the audit log (${reason}, ${errno}), and nothing happens here without its audit entry. Tell whoever runs the bot; try again once it is fixed.`);
  }
}
