/**
 * A remote cluster on plain http:// with NTLM is not authenticated as a server: the bot warns at
 * start (the log) and `check` says the same, pointing to HTTPS with a pinned certificate. A pinned
 * HTTPS endpoint and a simulated cluster raise no warning.
 */
import { Readable } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { createSystemClock } from '../../src/cluster/clock.js';
import { buildCluster } from '../../src/composition/clusters.js';
import { PLAIN_HTTP_NTLM_WARNING } from '../../src/composition/transport-warnings.js';
import { clusterConfig } from '../../src/config/schema.js';
import { createCapturingLogger } from '../support/capturing-logger.js';
import { closedPort } from '../remoting/wsman/helpers/loopback.js';

const remote = (endpoint: string, extra: object = {}) =>
  clusterConfig.parse({ name: 'prod-a', kind: 'remote', endpoint, auth: 'ntlm', username: 'CONTOSO\\svc-chatops', passwordEnv: 'PROD_PASSWORD', ...extra });

async function startupLog(endpoint: string, extra: object = {}) {
  const logger = createCapturingLogger();
  const built = await buildCluster(remote(endpoint, extra), { clock: createSystemClock(), logger, pollMs: 1000, env: { PROD_PASSWORD: 'pw' } });
  await built.close();
  return logger.entries.filter((e) => e.level === 'warn');
}

it('warns at start that NTLM over plain http:// does not authenticate the server, and points to pinned HTTPS', async () => {
  const warnings = await startupLog('http://node1.contoso.com:5985/wsman');
  expect(warnings).toEqual([{ level: 'warn', msg: PLAIN_HTTP_NTLM_WARNING, fields: { cluster: 'prod-a', endpoint: 'http://node1.contoso.com:5985/wsman' } }]);
  expect(PLAIN_HTTP_NTLM_WARNING).toMatch(/https:\/\/ endpoint with a pinned certificate \(tls\.fingerprintSha256\)/);
  expect(JSON.stringify(warnings)).not.toContain('svc-chatops');
});

it('says nothing for HTTPS with a pinned certificate, and warns for tls.insecure', async () => {
  expect(await startupLog('https://node1.contoso.com:5986/wsman', { tls: { fingerprintSha256: 'AB'.repeat(32) } })).toEqual([]);
  const insecure = await startupLog('https://node1.contoso.com:5986/wsman', { tls: { insecure: true } });
  expect(insecure.map((e) => e.msg)).toEqual([expect.stringContaining('tls.insecure')]);
});

it('check prints the same warning under the cluster, also when the cluster cannot be reached', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'transport-warnings-'));
  const file = join(dir, 'config.json');
  const endpoint = `http://127.0.0.1:${await closedPort()}/wsman`;
  const clusters = [{ name: 'prod-a', kind: 'remote', endpoint, auth: 'ntlm', username: 'ops', passwordEnv: 'PROD_PASSWORD' }];
  await writeFile(file, JSON.stringify({ clusters, state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') } }));
  let output = '';
  const io = { stdout: { write: (c: string | Uint8Array) => (output += String(c)) }, stderr: { write: (c: string | Uint8Array) => (output += String(c)) } };
  const code = await runCli(['check'], { ...io, stdin: Readable.from([]), env: { HYPERV_CHATOPS_CONFIG: file, PROD_PASSWORD: 'pw' }, untilInterrupted: async () => undefined });
  await rm(dir, { recursive: true, force: true });
  expect(code).toBe(1);
  expect(output).toContain(`prod-a (${endpoint}, winrs)\n  ! ${PLAIN_HTTP_NTLM_WARNING}\n  transport: winrs, ${endpoint}\n  ✗ reachable`);
});
