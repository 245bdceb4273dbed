/** @module ntlm/keys: the per-direction signing and sealing keys of [MS-NLMP] 3.4.5.2 SIGNKEY and 3.4.5.3 SEALKEY. */
import { KeyMagic } from './constants.js';
import { md5 } from './ntlmv2.js';

export interface DirectionKeys {
  readonly signingKey: Buffer;
  readonly sealingKey: Buffer;
}

export interface SessionKeys {
  readonly clientToServer: DirectionKeys;
  readonly serverToClient: DirectionKeys;
}

const magic = (text: string): Buffer => Buffer.from(text, 'latin1');

/**
 * Keys for extended session security with NTLMSSP_NEGOTIATE_128 (the only mode this
 * implementation negotiates): SealKey = MD5(ExportedSessionKey ‖ magic), SignKey likewise.
 */
export function deriveSessionKeys(exportedSessionKey: Buffer): SessionKeys {
  return {
    clientToServer: {
      signingKey: md5(exportedSessionKey, magic(KeyMagic.CLIENT_SIGNING)),
      sealingKey: md5(exportedSessionKey, magic(KeyMagic.CLIENT_SEALING)),
    },
    serverToClient: {
      signingKey: md5(exportedSessionKey, magic(KeyMagic.SERVER_SIGNING)),
      sealingKey: md5(exportedSessionKey, magic(KeyMagic.SERVER_SEALING)),
    },
  };
}
