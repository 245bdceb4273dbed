/**
 * @module composition/transport-warnings: what a remote cluster's transport settings leave open,
 * in words an operator can act on. Logged at start (buildCluster) and printed by `check`.
 */
import type { ClusterConfig } from '../config/schema.js';

export const PLAIN_HTTP_NTLM_WARNING =
  'NTLM over plain http:// does not authenticate the server: whoever answers at this address can pose as the ' +
  'cluster and read the commands (message encryption protects them only from bystanders). Use an https:// ' +
  'endpoint with a pinned certificate (tls.fingerprintSha256), which also binds NTLM to that certificate.';

export const NTLM_FALLBACK_HTTP_WARNING =
  'auth negotiate with kerberos.ntlmFallback over plain http://: a node for which Kerberos fails is reached with NTLM, ' +
  'which does not authenticate the server. Register the nodes\' SPNs (docs/kerberos.md) and turn the fallback off, or use https://.';

export const INSECURE_TLS_WARNING = 'TLS certificate checks are off for this cluster (tls.insecure): the server is not authenticated.';

/** The warnings for one configured cluster (none for a simulated one or a pinned/verified HTTPS endpoint). */
export function transportWarnings(c: ClusterConfig): string[] {
  if (c.kind !== 'remote') return [];
  const warnings: string[] = [];
  const plainHttp = new URL(c.endpoint).protocol === 'http:';
  if (c.auth === 'ntlm' && plainHttp) warnings.push(PLAIN_HTTP_NTLM_WARNING);
  if (c.auth === 'negotiate' && c.kerberos?.ntlmFallback && plainHttp) warnings.push(NTLM_FALLBACK_HTTP_WARNING);
  if (c.tls?.insecure) warnings.push(INSECURE_TLS_WARNING);
  return warnings;
}
