/**
 * @module transport/redact-credentials: a remoting error's text without the service account or
 * its password, whatever put them there (a fault that echoes the user name, a server's message).
 * Errors reach chat as their message; the typed fields stay for the code that branches on them.
 */
import { RemotingError } from '../errors.js';
import { principalText, type Principal } from '../kerberos/index.js';

export interface CredentialWords {
  /** `user`, `DOMAIN\user` or `user@domain`. */
  readonly username: string;
  readonly password: string;
}

export const REDACTED_ACCOUNT = '[the service account]';
export const REDACTED_SECRET = '[redacted]';

/** The forms of the account name a server may write back: as configured, and the bare user. */
function accountForms(username: string): string[] {
  const bare = username.includes('\\') ? username.slice(username.indexOf('\\') + 1) : username.split('@')[0] ?? '';
  // A very short bare name (e.g. "a") would blank out ordinary words; the full form is still removed.
  return [username, ...(bare.length >= 3 && bare !== username ? [bare] : [])];
}

function replaceAll(text: string, word: string, by: string): string {
  if (!word) return text;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), by);
}

/** The words to scrub for an auth option: the account and password, or the Kerberos principal. */
function wordsOf(auth: CredentialWords | { readonly tickets: { readonly principal: Principal }; readonly ntlmFallback?: CredentialWords }): CredentialWords {
  if ('tickets' in auth) return { username: principalText(auth.tickets.principal), password: auth.ntlmFallback?.password ?? '' };
  return auth;
}

/** `error` with its message scrubbed of the credentials (the same object, for RemotingErrors). */
export function redactCredentials<E>(error: E, auth: Parameters<typeof wordsOf>[0]): E {
  const credentials = wordsOf(auth);
  if (!(error instanceof RemotingError)) return error;
  let message = replaceAll(error.message, credentials.password, REDACTED_SECRET);
  for (const form of accountForms(credentials.username)) message = replaceAll(message, form, REDACTED_ACCOUNT);
  if (message !== error.message) Object.defineProperty(error, 'message', { value: message, enumerable: false, writable: true, configurable: true });
  return error;
}
