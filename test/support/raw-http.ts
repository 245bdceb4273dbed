/**
 * @module raw-http: HTTP/1.1 by hand over node:net, for what fetch cannot do: send headers and hold the body,
 * stall mid-request, keep a socket idle, see when the server closes it.
 */
import { connect, type Socket } from 'node:net';

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server (or the network) closed the connection. */
  closed: Promise<void>;
  /** Resolves with the status line's code once a response head has arrived. */
  status(): Promise<number>;
  write(data: string | Buffer): Promise<void>;
}

export async function openRaw(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const w of waiters) w();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    received: () => text,
    closed,
    status: () =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
          if (!match) return;
          waiters.delete(check);
          resolve(Number(match[1]));
        };
        waiters.add(check);
        check();
        void closed.then(() => (/^HTTP\/1\.1 \d{3}/.test(text) ? check() : reject(new Error('closed without a response'))));
      }),
    write: (data) =>
      new Promise((resolve, reject) => {
        socket.write(data, (error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The head of a POST (default to the Teams endpoint, /api/messages, with a JSON body). */
export function postHead(headers: Record<string, string | number>, path = '/api/messages', contentType = 'application/json'): string {
  const lines = Object.entries({ host: '127.0.0.1', 'content-type': contentType, ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Sends `total` bytes of body in small pieces, stopping as soon as the server answers or
 * closes; returns how much was sent.
 */
export async function sendUntilAnswered(c: RawConnection, total: number, chunked: boolean): Promise<number> {
  const piece = Buffer.alloc(16 * 1024, 0x20);
  let sent = 0;
  let answered = false;
  void c.status().then(
    () => (answered = true),
    () => (answered = true),
  );
  while (sent < total && !answered && !c.socket.destroyed) {
    const data = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
    await c.write(data).catch(() => undefined);
    sent += piece.length;
    await new Promise((r) => setImmediate(r));
  }
  return sent;
}
