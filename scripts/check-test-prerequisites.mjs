/** @module scripts/check-test-prerequisites: npm's pretest. One line, and a stop, when PowerShell is missing. */
import { findPester, findPwsh, INSTALL_HINT } from './powershell-tools.mjs';

if (!findPwsh()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!findPester()) {
  console.error('hyperv-chatops: Pester (NuGet) is missing: run npm ci with the .NET 10 SDK installed.');
  process.exit(1);
}
