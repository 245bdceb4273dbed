/**
 * @module test helper: a throwaway MIT Kerberos realm (Debian's krb5-kdc) on loopback, for the
 * Kerberos tests: its own folder (database, krb5.conf, kdc.conf, keytabs), a free port (TCP and
 * UDP), a user, and HTTP/ service principals for simulated node names with their keytabs.
 * Clients use it through `env` (KRB5_CONFIG); stop() ends the KDC and removes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KRB5KDC = '/usr/sbin/krb5kdc';
export const REALM = 'HYPERV.TEST';
export const USER = `svc-chatops@${REALM}`;
export const USER_PASSWORD = 'Kerberos-test-1';

export interface TestKdc {
  readonly realm: string;
  readonly dir: string;
  /** The environment for MIT clients (kinit, kvno) of this realm. */
  readonly env: NodeJS.ProcessEnv;
  /** Adds HTTP/<host> and returns its keytab's path. */
  addService(host: string): string;
  /** A keytab for the bot's user (a keytab logon instead of the password). */
  userKeytab(): string;
  kadmin(query: string): void;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`krb5kdc exited with ${child.exitCode}: ${log()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`krb5kdc did not listen on ${port}: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startKdc(): Promise<TestKdc> {
  if (!existsSync(KRB5KDC)) throw new Error('MIT Kerberos is not installed; run: apt-get install -y krb5-kdc krb5-admin-server krb5-user');
  const dir = mkdtempSync(join(tmpdir(), 'hyperv-kdc-'));
  const port = await freePort();
  writeFileSync(join(dir, 'krb5.conf'), [
    '[libdefaults]',
    ` default_realm = ${REALM}`,
    ' dns_lookup_kdc = false',
    ' dns_lookup_realm = false',
    ' rdns = false',
    ' dns_canonicalize_hostname = false',
    ' udp_preference_limit = 1',
    ' permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96',
    '[realms]',
    ` ${REALM} = {`,
    `  kdc = 127.0.0.1:${port}`,
    ' }',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'kdc.conf'), [
    '[kdcdefaults]',
    ` kdc_listen = 127.0.0.1:${port}`,
    ` kdc_tcp_listen = 127.0.0.1:${port}`,
    '[realms]',
    ` ${REALM} = {`,
    `  database_name = ${join(dir, 'principal')}`,
    `  key_stash_file = ${join(dir, 'stash')}`,
    `  acl_file = ${join(dir, 'kadm5.acl')}`,
    '  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal',
    '  max_life = 10h',
    '  max_renewable_life = 7d',
    ' }',
    '[logging]',
    ` kdc = FILE:${join(dir, 'kdc.log')}`,
    '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, KRB5_CONFIG: join(dir, 'krb5.conf'), KRB5_KDC_PROFILE: join(dir, 'kdc.conf') };
  delete env.KRB5CCNAME;
  delete env.KRB5_KTNAME;
  const admin = (tool: string, args: string[]) => execFileSync(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  admin('kdb5_util', ['create', '-s', '-r', REALM, '-P', 'master-test-key']);
  const kadmin = (query: string) => admin('kadmin.local', ['-q', query]);
  kadmin(`addprinc -pw ${USER_PASSWORD} ${USER}`);
  const child = spawn(KRB5KDC, ['-n', '-P', join(dir, 'kdc.pid')], { env, stdio: 'ignore' });
  const log = () => (existsSync(join(dir, 'kdc.log')) ? readFileSync(join(dir, 'kdc.log'), 'utf8').slice(-2000) : '');
  await waitForPort(port, child, log);
  return {
    realm: REALM,
    dir,
    env,
    kadmin,
    addService(host) {
      const keytab = join(dir, `${host}.keytab`);
      kadmin(`addprinc -randkey HTTP/${host}`);
      kadmin(`ktadd -k ${keytab} HTTP/${host}`);
      return keytab;
    },
    userKeytab() {
      const keytab = join(dir, 'user.keytab');
      if (!existsSync(keytab)) kadmin(`ktadd -k ${keytab} -norandkey ${USER}`);
      return keytab;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
