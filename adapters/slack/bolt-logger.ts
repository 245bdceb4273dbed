/**
 * @module slack/bolt-logger: Bolt's and the Web API client's logging, into ours. Debug lines
 * are dropped: they carry request bodies (message text), never needed in production.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/logger.js';

export function boltLogger(logger: Logger, source: string): BoltLogger {
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => logger.info({ source }, line(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source }, line(parts)),
    error: (...parts: unknown[]) => logger.error({ source }, line(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
