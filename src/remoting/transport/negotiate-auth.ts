/**
 * @module transport/negotiate-auth: `auth: negotiate`: Kerberos first; NTLM only when the
 * configuration allows the fallback, and only for the failures where Kerberos cannot work at
 * all for this node (no KDC, no SPN, the node does not accept Kerberos). A wrong password, a
 * clock skew or a server that fails mutual authentication never fall back: they are reported.
 */
import { KerberosAuthenticationError } from '../errors.js';
import type { KerberosErrorCode } from '../kerberos/index.js';
import type { RemotingLogger } from './logger.js';
import type { AuthStrategy } from './types.js';

/** The Kerberos failures after which NTLM may be tried (when configured). */
const FALLBACK_ON: ReadonlySet<KerberosErrorCode> = new Set<KerberosErrorCode>(['kdc-unreachable', 'spn-missing', 'ap-error']);

export interface NegotiateAuthOptions {
  readonly kerberos: AuthStrategy;
  /** NTLM, when the configuration allows the fallback; Kerberos alone otherwise. */
  readonly ntlm?: AuthStrategy;
  readonly logger: RemotingLogger;
  /** Told why negotiate fell back to NTLM (for `cli check`). */
  readonly onFallback?: (scheme: 'ntlm', reason: string) => void;
}

export function createNegotiateAuth(options: NegotiateAuthOptions): AuthStrategy {
  let current = options.kerberos;
  return {
    get scheme() {
      return current.scheme;
    },
    async exchange(connection, soap, sendOptions) {
      try {
        return await current.exchange(connection, soap, sendOptions);
      } catch (error) {
        const ntlm = options.ntlm;
        if (!ntlm || current !== options.kerberos || !(error instanceof KerberosAuthenticationError) || !FALLBACK_ON.has(error.failure)) throw error;
        options.logger.warn({ url: connection.url.href, failure: error.failure }, 'Kerberos is not possible for this node; falling back to NTLM as configured');
        current = ntlm;
        options.onFallback?.('ntlm', error.message);
        return ntlm.exchange(connection, soap, sendOptions);
      }
    },
  };
}
