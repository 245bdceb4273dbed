/**
 * @module simulator/powershell/cmdlets/cim-and-events: Get-CimInstance for the two classes the
 * scripts read (Win32_OperatingSystem's memory in KiB; Msvm_MigrationJob), and Get-WinEvent
 * -FilterHashtable over each node's logs as the model keeps them, plus the 20415 event (blackout
 * time) that a source logs for every live migration that succeeds. Errors as Windows words them:
 * an unreachable host (WinRM/RPC), an invalid class, NoMatchingEventsFound.
 */
import { CmdletFailure } from './cmdlet-failure.js';
import { sameName, text, type CmdletContext, type CmdletHandler } from './cmdlet-context.js';
import { blackoutEvents, migrationJobsOn } from './migration-jobs.js';
import { thisComputer, type HopFamily } from './this-node.js';

const CIM = 'Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand';
const WINEVENT = 'Microsoft.PowerShell.Commands.GetWinEventCommand';
const VMMS_ADMIN = 'Microsoft-Windows-Hyper-V-VMMS-Admin';
const levels: Readonly<Record<string, number>> = { Critical: 1, Error: 2, Warning: 3, Information: 4 };

/** This node (-ComputerName of another is a refused second hop), undefined when it is down. */
async function upNode(ctx: CmdletContext, family: HopFamily, command: string) {
  const computer = thisComputer(ctx, family, command);
  const node = (await ctx.cluster.listNodes()).find((n) => sameName(n.name, computer));
  return { computer, node: node && node.state !== 'Down' ? node : undefined };
}

async function getCimInstance(ctx: CmdletContext): Promise<unknown[]> {
  const { computer, node } = await upNode(ctx, 'cim', 'GetCimInstanceCommand');
  if (!node) {
    throw new CmdletFailure({
      message: `WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.`,
      errorId: `HRESULT 0x80338126,${CIM}`, category: 'ConnectionError', exception: 'CimException', hresult: 0x80338126 | 0, target: computer, terminating: true,
    });
  }
  const className = text(ctx, 'ClassName');
  const namespace = text(ctx, 'Namespace').toLowerCase();
  if (className.toLowerCase() === 'win32_operatingsystem' && namespace === 'root\\cimv2') {
    return [{
      CSName: node.name, Caption: 'Microsoft Windows Server 2022 Datacenter',
      TotalVisibleMemorySize: node.memoryTotalMB * 1024, FreePhysicalMemory: node.memoryFreeMB * 1024,
    }];
  }
  if (className.toLowerCase() === 'msvm_migrationjob' && namespace === 'root\\virtualization\\v2') return migrationJobsOn(ctx, node.name);
  throw new CmdletFailure({
    message: 'Invalid class ', errorId: `HRESULT 0x80041010,${CIM}`, category: 'MetadataError', exception: 'CimException',
    hresult: 0x80041010 | 0, target: className, terminating: true,
  });
}

interface EventQueryFilter { LogName?: unknown; Id?: unknown; StartTime?: unknown; ProviderName?: unknown }

function ids(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(Number);
}

async function getWinEvent(ctx: CmdletContext): Promise<unknown[]> {
  const { computer, node } = await upNode(ctx, 'winevent', 'GetWinEventCommand');
  if (!node) {
    throw new CmdletFailure({
      message: 'The RPC server is unavailable', errorId: `System.Diagnostics.Eventing.Reader.EventLogException,${WINEVENT}`,
      category: 'NotSpecified', exception: 'Exception', win32: 1722, target: computer, terminating: true,
    });
  }
  const filter = (ctx.parameters.Filter ?? {}) as EventQueryFilter;
  const log = typeof filter.LogName === 'string' ? filter.LogName : '';
  const wanted = ids(filter.Id);
  const since = typeof filter.StartTime === 'string' ? Date.parse(filter.StartTime) : Number.NEGATIVE_INFINITY;
  const logged = (await ctx.cluster.recentEvents({ sinceMs: Number.MAX_SAFE_INTEGER }))
    .filter((e) => sameName(e.node, node.name))
    .map((e) => ({ at: e.at, id: e.id, level: e.level, log: e.log, message: e.message, properties: [] as string[] }));
  const blackouts = (await blackoutEvents(ctx, node.name)).map((b) => ({
    at: b.at, id: 20415, level: 'Information', log: VMMS_ADMIN, properties: [b.vm, b.vmId, String(b.seconds)],
    message: `'${b.vm}' live migration to '${b.target}' completed with a blackout time of ${b.seconds} seconds. (Virtual machine ID ${b.vmId})`,
  }));
  const max = Number(ctx.parameters.MaxEvents ?? -1);
  const found = [...logged, ...blackouts]
    .filter((e) => (log === '' || sameName(e.log, log)) && (wanted === undefined || wanted.includes(e.id)) && e.at >= since)
    .sort((a, b) => b.at - a.at)
    .slice(0, max > 0 ? max : undefined);
  if (found.length === 0) {
    throw new CmdletFailure({
      message: 'No events were found that match the specified selection criteria.', errorId: `NoMatchingEventsFound,${WINEVENT}`,
      category: 'ObjectNotFound', exception: 'Exception', target: null, terminating: false,
    });
  }
  return found.map((e) => ({
    Id: e.id, Level: levels[e.level] ?? 4, LevelDisplayName: e.level, LogName: e.log,
    ProviderName: e.log === 'System' ? 'Microsoft-Windows-FailoverClustering' : e.log.replace(/-(Admin|Operational)$/, '').replace(/^Microsoft-Windows-/, 'Microsoft-Windows-'),
    MachineName: node.name, TimeCreated: new Date(e.at).toISOString(), Message: e.message, Properties: e.properties,
  }));
}

export const cimAndEventCmdlets: Readonly<Record<string, CmdletHandler>> = {
  'Get-CimInstance': getCimInstance,
  'Get-WinEvent': getWinEvent,
};
