/**
 * @module test helper: a throwaway OpenLDAP server (Debian's slapd) on loopback, for the
 * directory tests: its own folder, free ports, LDAPS with a test CA, the memberof overlay, an
 * AD-like schema for the attributes the bot searches. Stopped (and its folder removed) by stop().
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';

export const SLAPD = '/usr/sbin/slapd';
export const SUFFIX = 'dc=corp,dc=example';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = 'root-secret';
export const SERVICE_DN = `cn=svc-chatops,ou=service,${SUFFIX}`;
export const SERVICE_PASSWORD = 'svc-secret';

export interface Slapd {
  ldapsUrl: string;
  ldapUrl: string;
  caFile: string;
  /** A client bound as the directory's root, to change the tree during a test. */
  admin(): Promise<Client>;
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

function makeCa(dir: string) {
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', cwd: dir });
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=hyperv-chatops test CA']);
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
}

function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`slapd exited with ${child.exitCode}: ${log()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`slapd did not listen on ${port}: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startSlapd(): Promise<Slapd> {
  if (!existsSync(SLAPD)) throw new Error('OpenLDAP (slapd) is not installed; run: apt-get install -y slapd ldap-utils');
  const dir = mkdtempSync(join(tmpdir(), 'hyperv-slapd-'));
  mkdirSync(join(dir, 'db'));
  makeCa(dir);
  const schema = fileURLToPath(new URL('./ldap/ad-like.schema', import.meta.url));
  const [ldapsPort, ldapPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'slapd.conf'), [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    `include ${schema}`,
    `pidfile ${join(dir, 'slapd.pid')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload memberof',
    `TLSCACertificateFile ${join(dir, 'ca.pem')}`,
    `TLSCertificateFile ${join(dir, 'server.pem')}`,
    `TLSCertificateKeyFile ${join(dir, 'server.key')}`,
    'database mdb',
    `suffix "${SUFFIX}"`,
    `rootdn "${ROOT_DN}"`,
    `rootpw ${ROOT_PASSWORD}`,
    `directory ${join(dir, 'db')}`,
    'maxsize 1073741824',
    'dbnosync', // a throwaway test directory: no fsync per write
    'index objectClass eq',
    'index mail,uid,cn,sAMAccountName,userPrincipalName eq',
    'index member,memberOf eq',
    'overlay memberof',
    'memberof-group-oc groupOfNames',
    'memberof-member-ad member',
    'memberof-memberof-ad memberOf',
    'memberof-refint TRUE',
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n'));
  let output = '';
  const child = spawn(SLAPD, ['-f', join(dir, 'slapd.conf'), '-h', `ldaps://127.0.0.1:${ldapsPort}/ ldap://127.0.0.1:${ldapPort}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort(ldapsPort, child, () => output);
  const caFile = join(dir, 'ca.pem');
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  const admin = async () => {
    const client = new Client({ url: ldapsUrl, tlsOptions: { ca: [readFileSync(caFile)] } });
    await client.bind(ROOT_DN, ROOT_PASSWORD);
    return client;
  };
  return {
    ldapsUrl,
    ldapUrl: `ldap://127.0.0.1:${ldapPort}`,
    caFile,
    admin,
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
