/** @module instrument: counting decorators for the edges: a chat adapter, a cluster's remote operations (WinRS or PSRP). */
import type { ChatAdapter } from '../core/chat.js';
import type { ClusterOperationRunner } from '../cluster/remote/index.js';
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

/** Times each operation a remote cluster runs, whichever transport carries it. */
export function instrumentOperations(cluster: string, operations: ClusterOperationRunner, metrics: PrometheusMetrics, now = () => performance.now()): ClusterOperationRunner {
  return {
    transport: operations.transport,
    async run(script, args, options) {
      const started = now();
      try {
        const result = await operations.run(script, args, options);
        metrics.winrmCall(cluster, operations.transport, true, now() - started);
        return result;
      } catch (error) {
        metrics.winrmCall(cluster, operations.transport, false, now() - started);
        throw error;
      }
    },
  };
}
