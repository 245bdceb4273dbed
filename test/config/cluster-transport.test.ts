/** The per-cluster transport: WinRS stays the default for a real cluster, PSRP for a simulated one. */
import { clusterConfig } from '../../src/config/schema.js';

const remote = { name: 'prod', kind: 'remote', endpoint: 'https://node1.example.com:5986/wsman', username: 'CONTOSO\\hvbot', passwordEnv: 'HV_PASSWORD' };

test('a real cluster runs its scripts over WinRS unless told psrp; psrp defaults to the HyperVChatOps endpoint', () => {
  expect(clusterConfig.parse(remote)).toMatchObject({ transport: 'winrs' });
  expect(clusterConfig.parse({ ...remote, transport: 'psrp' })).toMatchObject({ transport: 'psrp', configurationName: 'HyperVChatOps' });
  expect(clusterConfig.parse({ ...remote, transport: 'psrp', configurationName: 'Microsoft.PowerShell' })).toMatchObject({ configurationName: 'Microsoft.PowerShell' });
});

test('a simulated cluster goes over PSRP by default; winrs, its old name winrm, and direct remain', () => {
  expect(clusterConfig.parse({ name: 'demo', kind: 'simulated' })).toMatchObject({ transport: 'psrp' });
  for (const transport of ['winrs', 'winrm', 'direct']) expect(clusterConfig.parse({ name: 'demo', kind: 'simulated', transport })).toMatchObject({ transport });
});

test('an unknown transport or a configuration name that is not a name is refused, saying what is expected', () => {
  expect(clusterConfig.safeParse({ ...remote, transport: 'ssh' }).success).toBe(false);
  const bad = clusterConfig.safeParse({ ...remote, transport: 'psrp', configurationName: 'a/b;c' });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]?.message).toMatch(/configurationName: letters, digits, dots, hyphens/);
});
