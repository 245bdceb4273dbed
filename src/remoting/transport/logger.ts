/**
 * @module transport/logger: the logging surface the remoting layer needs; pino satisfies it.
 * Nothing in this layer logs a message body, a credential or a script.
 */

export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface RemotingLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => undefined;

export const silentLogger: RemotingLogger = { debug: noop, info: noop, warn: noop, error: noop };
