/**
 * /healthz costs nothing remote per request: it answers from the last check, with its age, and
 * many requests start at most one cluster call per refresh interval, never waiting for it.
 */
import { createOpsServer, type HealthCheck } from '../../src/ops/ops-server.js';
import { createPrometheusMetrics } from '../../src/ops/prometheus.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A cluster check that counts its calls; `hang` makes the next calls never answer. */
function countingCheck() {
  const state = { calls: 0, hang: false, fail: false };
  const check: HealthCheck = {
    name: 'cluster:prod',
    check: async () => {
      state.calls++;
      if (state.hang) return new Promise<void>(() => undefined);
      if (state.fail) throw new Error('no route to host');
    },
  };
  return { state, check };
}

async function serve(check: HealthCheck, clock: { t: number }, refreshMs = 30_000) {
  const ops = createOpsServer({ metrics: createPrometheusMetrics(), checks: [check], refreshMs, timeoutMs: 60_000, now: () => clock.t });
  const url = await ops.listen(0);
  close = ops.close;
  return url;
}

async function healthz(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string>; ageSeconds?: number } };
}

const burst = (url: string, n: number) => Promise.all(Array.from({ length: n }, () => healthz(url)));

test('100 requests within one interval cost one cluster call, the one made at start', async () => {
  const { state, check } = countingCheck();
  const clock = { t: 1_000_000 };
  const url = await serve(check, clock);
  expect(state.calls).toBe(1);
  clock.t += 12_000;
  const answers = await burst(url, 100);
  expect(state.calls).toBe(1);
  expect(answers.every((a) => a.status === 200 && a.body.status === 'ok' && a.body.ageSeconds === 12)).toBe(true);
});

test('a stale result starts one background refresh, however many requests find it stale', async () => {
  const { state, check } = countingCheck();
  const clock = { t: 0 };
  const url = await serve(check, clock);
  for (let interval = 1; interval <= 3; interval++) {
    clock.t += 30_000;
    await burst(url, 40);
    expect(state.calls).toBe(1 + interval);
  }
});

test('a cluster that stops answering never delays /healthz; the age shows how old the news is', async () => {
  const { state, check } = countingCheck();
  const clock = { t: 0 };
  const url = await serve(check, clock);
  state.hang = true;
  clock.t += 45_000;
  const first = await healthz(url);
  expect(first.body).toEqual({ status: 'ok', checks: { 'cluster:prod': 'ok' }, ageSeconds: 45 });
  clock.t += 60_000;
  await burst(url, 20);
  // The hung refresh is still in flight: no second one is stacked on it.
  expect(state.calls).toBe(2);
});

test('a failing cluster shows as failing from the next refresh, with 503', async () => {
  const { state, check } = countingCheck();
  const clock = { t: 0 };
  const url = await serve(check, clock);
  state.fail = true;
  clock.t += 30_000;
  await healthz(url); // finds the result stale: starts the refresh
  let after = await healthz(url);
  for (let i = 0; i < 100 && after.status === 200; i++) after = await healthz(url);
  expect(after.status).toBe(503);
  expect(after.body.checks['cluster:prod']).toBe('failing: no route to host');
  expect(after.body.ageSeconds).toBe(0);
  expect(state.calls).toBe(2);
});
