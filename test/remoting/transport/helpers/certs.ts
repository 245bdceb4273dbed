/** @module test helper: throwaway self-signed certificates made with the openssl CLI. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  readonly key: string;
  readonly cert: string;
  readonly certFile: string;
  readonly fingerprint256: string;
}

const dirs: string[] = [];

/** A self-signed EC certificate valid for the given subjectAltName (e.g. `IP:127.0.0.1`). */
export function makeCert(subjectAltName: string): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'winrm-tls-'));
  dirs.push(dir);
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=winrm-test',
    '-addext', `subjectAltName=${subjectAltName}`,
  ], { stdio: 'ignore' });
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, certFile, fingerprint256: new X509Certificate(cert).fingerprint256 };
}

export function removeCerts(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
