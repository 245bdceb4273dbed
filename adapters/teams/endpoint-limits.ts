/**
 * @module teams/endpoint-limits: what one client may cost /api/messages before it has proved
 * it is the Bot Connector. The Bot Connector sends one activity per request, a few KiB each
 * (a message is at most about 100 KB as UTF-16, limits.ts), over a handful of keep-alive
 * connections; these margins sit far above that and far below what would hurt the bot.
 */
export interface EndpointLimits {
  /** Larger bodies are refused (413) before they are read: from Content-Length, or once counted. */
  maxBodyBytes: number;
  /** A client must have sent its request headers within this (node:http headersTimeout). */
  headersTimeoutMs: number;
  /** ... and its whole request, body included (node:http requestTimeout). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (node:http keepAliveTimeout). */
  keepAliveTimeoutMs: number;
  /** How often node:http looks for connections past headersTimeout or requestTimeout. */
  timeoutCheckIntervalMs: number;
  /** Open sockets, whatever their state; node:http drops the ones above (server.maxConnections). */
  maxConnections: number;
  /** Requests being read or authenticated at once; more are answered 503 at once. */
  maxUnauthenticated: number;
}

export const TEAMS_ENDPOINT_LIMITS: EndpointLimits = {
  maxBodyBytes: 256 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 128,
  maxUnauthenticated: 32,
};
