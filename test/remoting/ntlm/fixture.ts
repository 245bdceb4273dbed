/** @module test/ntlm/fixture: the [MS-NLMP] 4.2.4 NTLMv2 vectors from test/fixtures/ntlm, as Buffers. */
import { readFileSync } from 'node:fs';

interface RawFixture {
  inputs: Record<string, string>;
  expected: Record<string, string> & {
    sealed: { plaintextUtf16le: string; sequenceNumber: number; data: string; signature: string };
  };
}

const raw = JSON.parse(
  readFileSync(new URL('../../fixtures/ntlm/ms-nlmp-4.2.4.json', import.meta.url), 'utf8'),
) as RawFixture;

const hex = (name: string, value: string | undefined): Buffer => {
  if (value === undefined) throw new Error(`fixture has no ${name}`);
  return Buffer.from(value, 'hex');
};
const input = (name: string): string => {
  const value = raw.inputs[name];
  if (value === undefined) throw new Error(`fixture has no input ${name}`);
  return value;
};
const expected = (name: string): Buffer => hex(name, raw.expected[name]);

export const vectors = {
  user: input('user'),
  domain: input('userDomain'),
  password: input('password'),
  workstation: input('workstation'),
  randomSessionKey: hex('randomSessionKey', raw.inputs.randomSessionKey),
  time: hex('time', raw.inputs.time),
  clientChallenge: hex('clientChallenge', raw.inputs.clientChallenge),
  serverChallenge: hex('serverChallenge', raw.inputs.serverChallenge),
  negotiateFlags: Number(input('negotiateFlags')),
  targetInfo: hex('targetInfo', raw.inputs.targetInfo),
  ntowfv1: expected('ntowfv1'),
  ntowfv2: expected('ntowfv2'),
  ntProofStr: expected('ntProofStr'),
  lmv2Response: expected('lmv2Response'),
  sessionBaseKey: expected('sessionBaseKey'),
  encryptedRandomSessionKey: expected('encryptedRandomSessionKey'),
  clientSealingKey: expected('clientSealingKey'),
  clientSigningKey: expected('clientSigningKey'),
  serverSealingKey: expected('serverSealingKey'),
  serverSigningKey: expected('serverSigningKey'),
  sealed: {
    plaintext: Buffer.from(raw.expected.sealed.plaintextUtf16le, 'utf16le'),
    sequenceNumber: raw.expected.sealed.sequenceNumber,
    data: hex('sealed.data', raw.expected.sealed.data),
    signature: hex('sealed.signature', raw.expected.sealed.signature),
  },
};

/** randomBytes that answers the fixture's client challenge for 8 bytes and its session key for 16. */
export function fixtureRandom(n: number): Buffer {
  if (n === 8) return Buffer.from(vectors.clientChallenge);
  if (n === 16) return Buffer.from(vectors.randomSessionKey);
  throw new Error(`unexpected randomBytes(${n})`);
}

/** FILETIME 0 (1601-01-01T00:00:00Z), the fixture's Time. */
export const filetimeZero = (): Date => new Date(Date.UTC(1601, 0, 1));
