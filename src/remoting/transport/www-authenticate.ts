/** @module transport/www-authenticate: reads the challenges of a 401 (RFC 7235 section 4.1). */

export interface Challenge {
  /** As the server spelled it, e.g. `Negotiate`, `Basic`, `Kerberos`, `CredSSP`. */
  readonly scheme: string;
  /** The token68 after the scheme (the base64 NTLM CHALLENGE), if any. */
  readonly token?: string;
}

const challengeStart = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+(.*?))?\s*$/;
const token68 = /^[A-Za-z0-9+/._~-]+=*$/;

/** Challenges of all `WWW-Authenticate` values; auth-params (`realm="…"`) are skipped. */
export function parseChallenges(values: readonly string[] | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of values ?? []) {
    for (const part of value.split(',')) {
      const match = challengeStart.exec(part);
      if (!match?.[1]) continue;
      const rest = match[2];
      challenges.push(rest && token68.test(rest) ? { scheme: match[1], token: rest } : { scheme: match[1] });
    }
  }
  return challenges;
}

export function offersScheme(challenges: readonly Challenge[], scheme: string): boolean {
  return challenges.some((c) => c.scheme.toLowerCase() === scheme.toLowerCase());
}
