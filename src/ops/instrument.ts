/** @module instrument: counting decorators for the edges: a chat adapter, a WinRM command runner. */
import type { ChatAdapter } from '../core/chat.js';
import type { CommandRunner } from '../remoting/command-runner.js';
import type { PrometheusMetrics } from './prometheus.js';

export function instrumentAdapter(adapter: ChatAdapter, metrics: PrometheusMetrics): ChatAdapter {
  const count = <T>(method: string, call: () => Promise<T>) =>
    call().then(
      (value) => (metrics.chatCall(adapter.platform, method, true), value),
      (error: unknown) => {
        metrics.chatCall(adapter.platform, method, false);
        throw error;
      },
    );
  return {
    platform: adapter.platform,
    start: (onEvent) => adapter.start(onEvent),
    stop: () => adapter.stop(),
    post: (where, message, options) => count('post', () => adapter.post(where, message, options)),
    reply: (parent, message, options) => count('reply', () => adapter.reply(parent, message, options)),
    update: (ref, message) => count('update', () => adapter.update(ref, message)),
  };
}

export function instrumentRunner(cluster: string, runner: CommandRunner, metrics: PrometheusMetrics, now = () => performance.now()): CommandRunner {
  return {
    async run(executable, args, options) {
      const started = now();
      try {
        const result = await runner.run(executable, args, options);
        metrics.winrmCall(cluster, true, now() - started);
        return result;
      } catch (error) {
        metrics.winrmCall(cluster, false, now() - started);
        throw error;
      }
    },
    close: () => runner.close(),
  };
}
