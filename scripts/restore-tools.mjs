/**
 * @module scripts/restore-tools: npm's postinstall. Restores the pinned PowerShell (a .NET tool)
 * and Pester from NuGet when the .NET SDK is here. A production install without dotnet is not
 * an error: the bot itself needs no local PowerShell; only the simulator, the demo and the tests do.
 */
import { findPester, findPwsh, hasDotnet, INSTALL_HINT, restorePowerShellTools } from './powershell-tools.mjs';

if (process.env.HYPERV_CHATOPS_SKIP_TOOL_RESTORE === '1') process.exit(0);
if (hasDotnet()) {
  try {
    restorePowerShellTools();
  } catch (error) {
    console.error(`hyperv-chatops: restoring PowerShell and Pester from NuGet failed: ${error.message}`);
    process.exit(1);
  }
} else if (!findPwsh()) {
  console.error(`${INSTALL_HINT} (The bot runs without it; the demo and the tests do not.)`);
}
if (hasDotnet() && !findPester()) console.error('hyperv-chatops: Pester was not restored; the PowerShell tests need it.');
