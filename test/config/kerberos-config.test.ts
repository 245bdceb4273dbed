/** auth kerberos / negotiate in the config: a keytab goes without a password, Kerberos needs a realm, the fallback is opt-in. */
import { checkConfig } from '../../src/config/config-checks.js';
import { configSchema } from '../../src/config/schema.js';

const remote = { name: 'prod', kind: 'remote', endpoint: 'http://node1.corp.example:5985/wsman', username: 'svc-chatops@CORP.EXAMPLE' };
const problems = (cluster: object) => checkConfig(configSchema.parse({ clusters: [cluster] })).problems;

test('a keytab logon needs no password; a password logon, or an NTLM fallback, does', () => {
  expect(problems({ ...remote, auth: 'kerberos', kerberos: { keytab: '/etc/hyperv-chatops/svc.keytab' } })).toEqual([]);
  expect(problems({ ...remote, auth: 'kerberos', passwordEnv: 'HV_PASSWORD' })).toEqual([]);
  expect(problems({ ...remote, auth: 'kerberos' })).toEqual([expect.stringMatching(/clusters\.0\.passwordEnv: required for kerberos/)]);
  expect(problems({ ...remote, auth: 'negotiate', kerberos: { keytab: '/k', ntlmFallback: true } })).toEqual([expect.stringMatching(/passwordEnv: required/)]);
  expect(problems({ ...remote, auth: 'ntlm' })).toEqual([expect.stringMatching(/passwordEnv: required for ntlm/)]);
});

test('Kerberos without a realm, a fallback without negotiate, and a malformed SPN are refused by name', () => {
  expect(problems({ ...remote, username: 'CORP\\svc-chatops', auth: 'kerberos', passwordEnv: 'P' })).toEqual([expect.stringMatching(/kerberos\.principal: Kerberos needs the realm/)]);
  expect(problems({ ...remote, username: 'CORP\\svc-chatops', auth: 'kerberos', passwordEnv: 'P', kerberos: { principal: 'svc-chatops@CORP.EXAMPLE' } })).toEqual([]);
  expect(problems({ ...remote, auth: 'kerberos', passwordEnv: 'P', kerberos: { ntlmFallback: true } })).toEqual([expect.stringMatching(/ntlmFallback: only with auth "negotiate"/)]);
  const bad = configSchema.safeParse({ clusters: [{ ...remote, auth: 'kerberos', passwordEnv: 'P', kerberos: { spn: 'WSMAN/node1' } }] });
  expect(bad.error?.issues[0]?.message).toMatch(/kerberos\.spn: HTTP\/node1\.corp\.example/);
});
