/** @module capturing-logger: a Logger that keeps every entry with its bindings, for tests that read the log. */
import type { LogFn, Logger } from '../../src/core/logger.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: Level;
  msg: string | undefined;
  /** The child bindings merged with the logged object. */
  fields: Record<string, unknown>;
}

export interface CapturingLogger extends Logger {
  readonly entries: LogEntry[];
}

export function createCapturingLogger(): CapturingLogger {
  const entries: LogEntry[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at = (level: Level): LogFn =>
      ((objOrMsg: object | string, msg?: string) => {
        if (typeof objOrMsg === 'string') entries.push({ level, msg: objOrMsg, fields: { ...bindings } });
        else entries.push({ level, msg, fields: { ...bindings, ...objOrMsg } });
      }) as LogFn;
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return Object.assign(make({}), { entries });
}
