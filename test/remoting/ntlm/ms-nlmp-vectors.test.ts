/**
 * Every [MS-NLMP] 4.2.4 NTLMv2 value in test/fixtures/ntlm/ms-nlmp-4.2.4.json, computed by
 * this implementation from the fixture's inputs, both function by function and through the client context.
 */
import { decodeAvPairs, encodeAvPairs } from '../../../src/remoting/ntlm/av-pairs.js';
import { AvId } from '../../../src/remoting/ntlm/constants.js';
import { deriveSessionKeys } from '../../../src/remoting/ntlm/keys.js';
import { decodeAuthenticate, encodeChallenge } from '../../../src/remoting/ntlm/messages.js';
import { clientBlob, computeNtlmV2Response, ntowfv1, ntowfv2 } from '../../../src/remoting/ntlm/ntlmv2.js';
import { rc4k } from '../../../src/remoting/ntlm/rc4.js';
import { createNtlmClientContext, createNtlmSession } from '../../../src/remoting/ntlm/index.js';
import { filetimeZero, fixtureRandom, vectors as v } from './fixture.js';

const targetInfo = decodeAvPairs(v.targetInfo);
const temp = (): Buffer => clientBlob(v.time, v.clientChallenge, targetInfo);

describe('MS-NLMP 4.2.4 NTLMv2 vectors, function by function', () => {
  test('NTOWFv1 and NTOWFv2 (4.2.4.1.1)', () => {
    expect(ntowfv1(v.password)).toEqual(v.ntowfv1);
    expect(ntowfv2(v.password, v.user, v.domain)).toEqual(v.ntowfv2);
  });

  test('NTOWFv2 uppercases the user but not the domain', () => {
    expect(ntowfv2(v.password, v.user.toLowerCase(), v.domain)).toEqual(v.ntowfv2);
    expect(ntowfv2(v.password, v.user, v.domain.toUpperCase())).not.toEqual(v.ntowfv2);
  });

  test('the target info decodes to NbDomainName and NbComputerName and re-encodes to the same bytes', () => {
    expect(targetInfo.map((p) => [p.id, p.value.toString('utf16le')])).toEqual([
      [AvId.MsvAvNbDomainName, v.domain],
      [AvId.MsvAvNbComputerName, 'Server'],
    ]);
    expect(encodeAvPairs(targetInfo)).toEqual(v.targetInfo);
  });

  test('NTProofStr, LMv2 response and session base key (4.2.4.1, 4.2.4.2)', () => {
    const r = computeNtlmV2Response(v.ntowfv2, v.serverChallenge, temp());
    expect(r.ntProofStr).toEqual(v.ntProofStr);
    expect(r.ntChallengeResponse).toEqual(Buffer.concat([v.ntProofStr, temp()]));
    expect(r.lmChallengeResponse).toEqual(v.lmv2Response);
    expect(r.sessionBaseKey).toEqual(v.sessionBaseKey);
  });

  test('key exchange: EncryptedRandomSessionKey = RC4K(KeyExchangeKey, RandomSessionKey) (4.2.4.2)', () => {
    expect(rc4k(v.sessionBaseKey, v.randomSessionKey)).toEqual(v.encryptedRandomSessionKey);
    expect(rc4k(v.sessionBaseKey, v.encryptedRandomSessionKey)).toEqual(v.randomSessionKey);
  });

  test('sealing and signing keys per direction (3.4.5.2, 3.4.5.3)', () => {
    const keys = deriveSessionKeys(v.randomSessionKey);
    expect(keys.clientToServer.sealingKey).toEqual(v.clientSealingKey);
    expect(keys.clientToServer.signingKey).toEqual(v.clientSigningKey);
    expect(keys.serverToClient.sealingKey).toEqual(v.serverSealingKey);
    expect(keys.serverToClient.signingKey).toEqual(v.serverSigningKey);
  });

  test('GSS_WrapEx of "Plaintext": sealed data and signature (4.2.4.4)', () => {
    const { sealed, signature } = createNtlmSession(v.randomSessionKey, 'client').seal(v.sealed.plaintext);
    expect(sealed).toEqual(v.sealed.data);
    expect(signature).toEqual(v.sealed.signature);
    expect(signature.readUInt32LE(12)).toBe(v.sealed.sequenceNumber);
  });

  test('the server side unseals the MS-NLMP sealed message', () => {
    const server = createNtlmSession(v.randomSessionKey, 'server');
    expect(server.unseal(v.sealed.data, v.sealed.signature)).toEqual(v.sealed.plaintext);
  });
});

describe('MS-NLMP 4.2.4 vectors through the client context', () => {
  // The 4.2.4 CHALLENGE: its flags, server challenge and target info (no MsvAvTimestamp, so no MIC).
  const challenge = encodeChallenge({
    flags: v.negotiateFlags,
    serverChallenge: v.serverChallenge,
    targetName: 'Server',
    targetInfo,
  });

  function authenticate(): { auth: ReturnType<typeof decodeAuthenticate>; client: ReturnType<typeof createNtlmClientContext> } {
    const client = createNtlmClientContext(
      { username: `${v.domain}\\${v.user}`, password: v.password, workstation: v.workstation },
      { randomBytes: fixtureRandom, now: filetimeZero },
    );
    client.negotiate();
    return { auth: decodeAuthenticate(client.authenticate(challenge)), client };
  }

  test('AUTHENTICATE carries the vector NTProofStr, LMv2 response and encrypted session key', () => {
    const { auth } = authenticate();
    expect(auth.ntChallengeResponse.subarray(0, 16)).toEqual(v.ntProofStr);
    expect(auth.ntChallengeResponse.subarray(16)).toEqual(temp());
    expect(auth.lmChallengeResponse).toEqual(v.lmv2Response);
    expect(auth.encryptedRandomSessionKey).toEqual(v.encryptedRandomSessionKey);
    expect([auth.user, auth.domain, auth.workstation]).toEqual([v.user, v.domain, v.workstation]);
    expect(auth.flags).toBe(v.negotiateFlags);
    expect(auth.mic).toEqual(Buffer.alloc(16));
  });

  test('the resulting session seals "Plaintext" to the vector bytes', () => {
    const { client } = authenticate();
    const { sealed, signature } = client.session().seal(v.sealed.plaintext);
    expect(sealed).toEqual(v.sealed.data);
    expect(signature).toEqual(v.sealed.signature);
  });

  test('every flag the 4.2.4 exchange uses for session security is one the client asks for', () => {
    const flags = createNtlmClientContext({ username: 'u', password: 'p' }).negotiate().readUInt32LE(12);
    const sessionSecurity = [0x1, 0x10, 0x20, 0x200, 0x8000, 0x80000, 0x02000000, 0x20000000, 0x40000000, 0x80000000];
    for (const bit of sessionSecurity) {
      expect({ bit, set: (v.negotiateFlags & bit) !== 0 && (flags & bit) !== 0 }).toEqual({ bit, set: true });
    }
  });
});
