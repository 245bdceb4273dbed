/**
 * @module transport/basic-auth: HTTP Basic (RFC 7617) on every request. WinRM accepts it only
 * for local accounts, only when enabled, and over plain HTTP only with AllowUnencrypted=true.
 */
import { AuthenticationError, type AuthenticationFailure } from '../errors.js';
import type { HttpConnection, HttpResponse } from './http-connection.js';
import { SoapContentType, type AuthStrategy, type SendOptions } from './types.js';
import { offersScheme, parseChallenges } from './www-authenticate.js';

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Why a Basic request got 401, told from the schemes the server offers and the URL scheme. */
export function explainBasic401(response: HttpResponse, url: URL, username: string): AuthenticationError {
  const challenges = parseChallenges(response.headers['www-authenticate']);
  const basicOffered = offersScheme(challenges, 'Basic');
  const failure: AuthenticationFailure = basicOffered
    ? 'wrong-credentials'
    : url.protocol === 'http:'
      ? 'unencrypted-refused'
      : 'basic-disabled';
  const offered = [...new Set(challenges.map((c) => c.scheme))];
  return new AuthenticationError(failure, 'basic', username, url.href, offered);
}

export function createBasicAuth(credentials: BasicCredentials): AuthStrategy {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  return {
    scheme: 'basic',
    async exchange(connection: HttpConnection, soap: Buffer, options: SendOptions): Promise<HttpResponse> {
      const pending = await connection.open(options);
      const response = await pending.send({ Authorization: authorization, 'Content-Type': SoapContentType }, soap);
      if (response.status === 401) throw explainBasic401(response, connection.url, credentials.username);
      return response;
    },
  };
}
