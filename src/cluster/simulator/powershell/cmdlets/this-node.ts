/**
 * @module simulator/powershell/cmdlets/this-node: the host a Hyper-V, CIM or event-log cmdlet acts
 * on, which is always this node: the one the PowerShell runs on. -ComputerName naming this node
 * (or localhost, `.`) reads it; naming another node is a second hop from a WinRM session, which
 * Windows refuses without CredSSP or Kerberos delegation: access denied, in each cmdlet's words.
 */
import { CmdletFailure, type CmdletFailureSpec } from './cmdlet-failure.js';
import { sameName, text, type CmdletContext } from './cmdlet-context.js';

/** Whose words a refused second hop is in. */
export type HopFamily = 'hyper-v' | 'cim' | 'winevent';

const ACCESS_DENIED = 5;

function secondHopRefusal(family: HopFamily, command: string, computer: string): Omit<CmdletFailureSpec, 'terminating'> {
  switch (family) {
    case 'hyper-v':
      return {
        message: `You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer '${computer}'.`,
        errorId: `Unspecified,Microsoft.HyperV.PowerShell.Commands.${command}`, category: 'PermissionDenied', exception: 'VirtualizationException',
        win32: ACCESS_DENIED, target: computer,
      };
    case 'cim':
      return {
        message: 'Access is denied. ', errorId: 'HRESULT 0x80070005,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand',
        category: 'PermissionDenied', exception: 'CimException', win32: ACCESS_DENIED, target: computer,
      };
    case 'winevent':
      return {
        message: 'Attempted to perform an unauthorized operation.', errorId: 'System.UnauthorizedAccessException,Microsoft.PowerShell.Commands.GetWinEventCommand',
        category: 'NotSpecified', exception: 'Exception', win32: ACCESS_DENIED, target: computer,
      };
  }
}

/** The computer the cmdlet was asked for when it is this node; a refused second hop (terminating) otherwise. */
export function thisComputer(ctx: CmdletContext, family: HopFamily, command: string): string {
  const computer = text(ctx, 'ComputerName');
  if (computer === '' || computer === '.' || sameName(computer, 'localhost') || sameName(computer, ctx.node)) return ctx.node;
  throw new CmdletFailure({ ...secondHopRefusal(family, command, computer), terminating: true });
}
