/** The built-in demo on a machine with and without PowerShell 7. */
import { PowerShellMissingError } from '../../src/cluster/simulator/powershell/index.js';
import { planDemo } from '../../src/composition/demo-powershell.js';
import { demoConfig } from '../../src/config/load-config.js';

test('with PowerShell the demo serves its cluster over PSRP (WinRM, the JEA endpoint) to a real pwsh', () => {
  const plan = planDemo(demoConfig(), () => ({ file: 'pwsh' }));
  expect(plan.notice).toBeUndefined();
  expect(plan.config.clusters.map((c) => [c.name, c.kind === 'simulated' && c.transport])).toEqual([['demo', 'psrp']]);
});

test('without it the demo is a reduced one, in-process, and says so and what to install', () => {
  const plan = planDemo(demoConfig(), () => {
    throw new PowerShellMissingError();
  });
  expect(plan.config.clusters.map((c) => [c.name, c.kind === 'simulated' && c.transport])).toEqual([['demo', 'direct']]);
  expect(plan.notice).toMatch(/^hyperv-chatops needs PowerShell 7: install the \.NET 10 SDK \(dotnet\) and run npm ci again, or put pwsh on PATH\. /);
  expect(plan.notice).toMatch(/reduced demo: .*without WinRM and without the PowerShell scripts/);
});

test('any other failure to look for PowerShell is not hidden behind the reduced demo', () => {
  expect(() => planDemo(demoConfig(), () => {
    throw new Error('EACCES reading the tool manifest');
  })).toThrow('EACCES');
});
