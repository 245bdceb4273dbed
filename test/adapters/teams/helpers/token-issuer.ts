/**
 * A stand-in for the Bot Framework's token signing: an OpenID metadata document and a JWKS
 * on 127.0.0.1, and RS256 JWTs signed here with node:crypto, shaped like the Bot
 * Connector's (issuer https://api.botframework.com, audience = the app id, serviceurl).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenIssuer {
  metadataUrl: string;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  /** A key the metadata does not publish, for forgeries. */
  strangerKey: KeyObject;
  close(): Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-signing-key';
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/openidconfiguration') return json({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (req.url === '/keys') return json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat', 'directline'] }] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    metadataUrl: `${base}/openidconfiguration`,
    strangerKey: stranger,
    sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid }));
      const payload = b64url(JSON.stringify({ iss: BOT_FRAMEWORK_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims }));
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(options.key ?? privateKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
