/** NTLM session security: persistent RC4 state and sequence numbers per direction, and what it refuses. */
import { createNtlmSession, NtlmError, type NtlmSession, type SealedMessage } from '../../../src/remoting/ntlm/index.js';

const key = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');
const pair = (): { client: NtlmSession; server: NtlmSession } => ({
  client: createNtlmSession(key, 'client'),
  server: createNtlmSession(key, 'server'),
});

function refusal(fn: () => unknown): { code: string; details: Readonly<Record<string, string | number>> } | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof NtlmError) return { code: e.code, details: e.details };
    throw e;
  }
  return undefined;
}

const msg = (text: string): Buffer => Buffer.from(text);

describe('NTLM session', () => {
  test('the same plaintext seals differently each time, and still unseals in order', () => {
    const { client, server } = pair();
    const sealed = [0, 1, 2].map(() => client.seal(msg('identical message')));
    expect(sealed[0]!.sealed).not.toEqual(sealed[1]!.sealed);
    expect(sealed[1]!.sealed).not.toEqual(sealed[2]!.sealed);
    for (const m of sealed) expect(server.unseal(m.sealed, m.signature)).toEqual(msg('identical message'));
  });

  test('directions are independent: each keeps its own keystream and sequence', () => {
    const { client, server } = pair();
    const up1 = client.seal(msg('up 1'));
    const up2 = client.seal(msg('up 2'));
    const down1 = server.seal(msg('down 1'));
    expect(down1.signature.readUInt32LE(12)).toBe(0);
    expect(client.unseal(down1.sealed, down1.signature)).toEqual(msg('down 1'));
    expect(server.unseal(up1.sealed, up1.signature)).toEqual(msg('up 1'));
    expect(server.unseal(up2.sealed, up2.signature)).toEqual(msg('up 2'));
  });

  test('a replayed message is refused as out-of-sequence', () => {
    const { client, server } = pair();
    const m = client.seal(msg('Stop-VM vm42'));
    server.unseal(m.sealed, m.signature);
    expect(refusal(() => server.unseal(m.sealed, m.signature))).toEqual({
      code: 'out-of-sequence',
      details: { expected: 1, received: 0 },
    });
  });

  test('reordered messages are refused, and the refused one leaves the session able to take the right one', () => {
    const { client, server } = pair();
    const first = client.seal(msg('first'));
    const second = client.seal(msg('second'));
    expect(refusal(() => server.unseal(second.sealed, second.signature))?.code).toBe('out-of-sequence');
    expect(server.unseal(first.sealed, first.signature)).toEqual(msg('first'));
    expect(server.unseal(second.sealed, second.signature)).toEqual(msg('second'));
  });

  test('a message given the expected sequence number but sealed later is refused as bad-signature', () => {
    const { client, server } = pair();
    client.seal(msg('dropped'));
    const later = client.seal(msg('later'));
    const forged = Buffer.from(later.signature);
    forged.writeUInt32LE(0, 12);
    expect(refusal(() => server.unseal(later.sealed, forged))?.code).toBe('bad-signature');
  });

  test('altered ciphertext or checksum is refused as bad-signature; the original still unseals', () => {
    const { client, server } = pair();
    const m: SealedMessage = client.seal(msg('Move-ClusterVirtualMachineRole vm42 node2'));
    const flipped = Buffer.from(m.sealed);
    flipped[5] = flipped[5]! ^ 0x20;
    expect(refusal(() => server.unseal(flipped, m.signature))?.code).toBe('bad-signature');
    const badChecksum = Buffer.from(m.signature);
    badChecksum[4] = badChecksum[4]! ^ 0xff;
    expect(refusal(() => server.unseal(m.sealed, badChecksum))?.code).toBe('bad-signature');
    expect(refusal(() => server.unseal(m.sealed, m.signature.subarray(0, 12)))?.code).toBe('bad-signature');
    expect(server.unseal(m.sealed, m.signature)).toEqual(msg('Move-ClusterVirtualMachineRole vm42 node2'));
  });

  test('a message cannot be reflected back to its sender, nor unsealed under another key', () => {
    const { client, server } = pair();
    const m = client.seal(msg('hello'));
    expect(refusal(() => createNtlmSession(key, 'client').unseal(m.sealed, m.signature))?.code).toBe('bad-signature');
    const other = createNtlmSession(Buffer.alloc(16, 1), 'server');
    expect(refusal(() => other.unseal(m.sealed, m.signature))?.code).toBe('bad-signature');
    expect(server.unseal(m.sealed, m.signature)).toEqual(msg('hello'));
  });

  test('an empty message seals and unseals', () => {
    const { client, server } = pair();
    const m = client.seal(Buffer.alloc(0));
    expect(m.sealed.length).toBe(0);
    expect(server.unseal(m.sealed, m.signature).length).toBe(0);
  });
});
