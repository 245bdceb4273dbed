/**
 * @module fake-socket-mode: Slack's Socket Mode side for tests, on 127.0.0.1: a WebSocket
 * server (RFC 6455, text frames, ping and pong, close; no extensions) that greets each
 * connection with `hello`, sends envelopes (`events_api`, `interactive`) over the connection a
 * test picks, and records the acks. `apps.connections.open` on the fake Web API hands out its
 * URL with the caller's app token as the ticket, so a test knows whose connection is whose.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SocketConnection {
  /** The app token its apps.connections.open was called with. */
  ticket: string;
  send(envelope: Record<string, unknown>): void;
}

export interface FakeSocketMode {
  /** What apps.connections.open answers with, for this app token. */
  urlFor(appToken: string): string;
  connections: SocketConnection[];
  /** Envelope ids acknowledged, in order. */
  acks: string[];
  /** Sends an Events API envelope (a retry when `retryAttempt` > 0) or an interactive one; returns its envelope id. */
  envelope(to: SocketConnection, type: 'events_api' | 'interactive', payload: unknown, retryAttempt?: number): string;
  close(): Promise<void>;
}

// [RFC 6455] 1.3 Opening Handshake: the GUID appended to Sec-WebSocket-Key; 5.2 opcodes.
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/** Client frames are masked (5.3); returns the whole frames read and what is left. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (buffer.length - at >= 2) {
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) [length, offset] = [buffer.readUInt16BE(offset), offset + 2];
    else if (length === 127) [length, offset] = [Number(buffer.readBigUInt64BE(offset)), offset + 8];
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length).map((byte, i) => byte ^ mask[i % 4]!));
    frames.push({ opcode, payload });
    at = offset + 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const connections: SocketConnection[] = [];
  const sockets = new Set<Socket>();
  const acks: string[] = [];
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${HANDSHAKE_GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const send = (envelope: Record<string, unknown>) => void socket.write(frame(OPCODE.text, Buffer.from(JSON.stringify(envelope))));
    const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket') ?? '';
    connections.push({ ticket, send });
    // Slack pings every few seconds; the client closes a connection that goes quiet for 30 s.
    const pings = setInterval(() => socket.write(frame(OPCODE.ping, Buffer.from('ping'))), 5000);
    socket.on('close', () => clearInterval(pings));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) {
        if (f.opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, f.payload));
        else if (f.opcode === OPCODE.close) socket.end(frame(OPCODE.close, f.payload));
        else if (f.opcode === OPCODE.text) acks.push(String((JSON.parse(f.payload.toString('utf8')) as { envelope_id?: unknown }).envelope_id));
      }
    });
    socket.on('error', () => undefined);
    send({ type: 'hello', num_connections: connections.length, debug_info: { host: 'fake-socket-mode', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0001' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (appToken) => `ws://127.0.0.1:${port}/link/?ticket=${encodeURIComponent(appToken)}`,
    connections,
    acks,
    envelope(to, type, payload, retryAttempt = 0) {
      const id = randomUUID();
      to.send({ envelope_id: id, type, payload, accepts_response_payload: false, ...(type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' } : {}) });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
