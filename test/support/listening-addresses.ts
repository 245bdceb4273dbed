/**
 * The IPv4 addresses this machine's TCP sockets listen on, as the kernel reports them
 * (/proc/net/tcp, Linux): to see which interface a server really bound.
 */
import { readFile } from 'node:fs/promises';

const LISTEN = '0A';

export async function listeningAddresses(): Promise<{ host: string; port: number }[]> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[3] === LISTEN && cols[1])
    .map((cols) => {
      const [ip, port] = cols[1]!.split(':') as [string, string];
      // Little-endian hex: 0100007F is 127.0.0.1.
      const host = [3, 2, 1, 0].map((i) => parseInt(ip.slice(i * 2, i * 2 + 2), 16)).join('.');
      return { host, port: parseInt(port, 16) };
    });
}
