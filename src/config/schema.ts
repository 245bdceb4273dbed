/**
 * @module config/schema: the one configuration file, validated by zod. Secrets never live
 * here: fields ending in `Env` name the environment variable that holds them.
 */
import { z } from 'zod';
import { ROLES } from '../core/access.js';
import { slackConfig } from './slack-schema.js';
import { teamsConfig, tenantId } from './teams-schema.js';
import { accessConfig, directoryConfig } from './access-schema.js';

export const approvals = z
  .object({
    change: z.number().int().min(1).max(5).default(1),
    disruptive: z.number().int().min(1).max(5).default(2),
  })
  .strict();

/** "#ops-prod may operate prod-a": the conversations a cluster answers in; every other is refused. */
export const conversationBinding = z
  .object({ platform: z.enum(['slack', 'teams', 'console']), conversation: z.string().min(1) })
  .strict();

/** A PowerShell session configuration (endpoint) name, e.g. HyperVChatOps or Microsoft.PowerShell. */
export const configurationName = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,127}$/, 'configurationName: letters, digits, dots, hyphens, like HyperVChatOps');

export const simulatedClusterConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'cluster name: letters, digits, dots, hyphens'),
    kind: z.literal('simulated'),
    /** A JSON inventory to rehearse with your own names; the demo cluster when absent. */
    inventory: z.string().optional(),
    /** Live migration bandwidth of the simulation, MB/s. */
    bandwidthMBps: z.number().positive().optional(),
    /**
     * `psrp` (default): run the operations as the HyperVChatOps module's functions in a warm PSRP
     * session on the simulated node (`pwsh -s` with the fake cluster modules, the JEA configuration);
     * `winrs` (or its old name `winrm`): serve the simulation over WS-Management on loopback, each
     * script in a new pwsh, as WinRS reaches a real node; `direct`: call the model in-process.
     */
    transport: z.enum(['psrp', 'winrs', 'winrm', 'direct']).default('psrp'),
    /** With `psrp`: the session configuration, `HyperVChatOps` (JEA, default) or `Microsoft.PowerShell`. */
    configurationName: configurationName.optional(),
    approvals: approvals.optional(),
    conversations: z.array(conversationBinding).optional(),
  })
  .strict();

/** A real failover cluster, reached over WinRM on one of its nodes. */
export const remoteClusterConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'cluster name: letters, digits, dots, hyphens'),
    kind: z.literal('remote'),
    /** `https://node1.example.com:5986/wsman`, or `http://node1:5985/wsman` with NTLM (message encryption). */
    endpoint: z.url({ protocol: /^https?$/, error: 'endpoint should be an http:// or https:// WinRM URL' }),
    auth: z.enum(['ntlm', 'basic']).default('ntlm'),
    /** `DOMAIN\\user` or `user@domain.example`. */
    username: z.string().min(1),
    /** The environment variable that holds the password; the password itself never goes in this file. */
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'passwordEnv should name an environment variable, like HYPERV_PROD_PASSWORD'),
    tls: z
      .object({
        caFile: z.string().optional(),
        /** SHA-256 fingerprint of the node's certificate, to pin it. */
        fingerprintSha256: z.string().optional(),
        /** Skips certificate checks: only with a reason; logged as a warning at start. */
        insecure: z.boolean().optional(),
      })
      .strict()
      .optional(),
    operationTimeoutSeconds: z.number().int().min(5).max(300).default(20),
    maxShells: z.number().int().min(1).max(30).default(5),
    /**
     * `winrs` (default): each operation is its script, run by a new powershell.exe over WinRS;
     * `psrp`: each is a function of the HyperVChatOps module, run in a warm PSRP runspace pool on
     * the endpoint `configurationName` (the JEA endpoint of docs/jea.md).
     */
    transport: z.enum(['winrs', 'psrp']).default('winrs'),
    /** With `psrp`: the session configuration; default HyperVChatOps (the JEA endpoint). */
    configurationName: configurationName.default('HyperVChatOps'),
    /**
     * The endpoint of a node whose own is not `endpoint` with the node's name as its host (plus the
     * endpoint's DNS suffix): `{ "node2": { "endpoint": "https://node2.corp.example:5986/wsman" } }`.
     */
    nodes: z.record(z.string().min(1), z.object({ endpoint: z.url({ protocol: /^https?$/, error: 'nodes.<node>.endpoint should be an http:// or https:// WinRM URL' }) }).strict()).default({}),
    approvals: approvals.optional(),
    conversations: z.array(conversationBinding).optional(),
  })
  .strict();

export const clusterConfig = z.discriminatedUnion('kind', [simulatedClusterConfig, remoteClusterConfig]);

const user = z
  .object({
    name: z.string().min(1),
    console: z.string().optional(),
    slack: z.string().optional(),
    /** The person's Entra (AAD) object id, as Teams sends it. */
    teams: z.string().optional(),
    /** The tenant of that id; needed when teams.tenants lists more than one. */
    teamsTenant: tenantId.optional(),
    /** Role per cluster name; "*" for every cluster. */
    roles: z.record(z.string(), z.enum(ROLES)),
  })
  .strict();

export const configSchema = z
  .object({
    clusters: z.array(clusterConfig).min(1),
    defaultCluster: z.string().optional(),
    users: z.array(user).default([]),
    /** Roles from directory groups, and per-command / per-conversation rules. */
    access: accessConfig.optional(),
    /** Where groups come from: Active Directory / LDAP, Entra ID, Slack user groups. */
    directory: directoryConfig.optional(),
    requests: z.object({ expiresAfterMinutes: z.number().int().min(1).max(24 * 60).default(30) }).strict().default({ expiresAfterMinutes: 30 }),
    progress: z
      .object({
        updateIntervalSeconds: z.number().min(0.5).max(600).default(3),
        pollSeconds: z.number().min(0.1).max(60).default(1),
      })
      .strict()
      .default({ updateIntervalSeconds: 3, pollSeconds: 1 }),
    console: z
      .object({
        user: z.string().default('alice'),
        /** `as bob: approve 7` at the terminal acts as someone else: off unless set here (the demo sets it). */
        allowAs: z.boolean().default(false),
      })
      .strict()
      .default({ user: 'alice', allowAs: false }),
    state: z
      .object({
        /** lowdb JSON file of requests and jobs; "memory" keeps them in the process only. */
        file: z.string().default('state/hyperv-chatops.json'),
        auditFile: z.string().default('state/audit.jsonl'),
        /** Decided requests and finished jobs leave the live state after this many days (the audit log keeps them). */
        archiveAfterDays: z.number().min(1).max(3650).default(14),
      })
      .strict()
      .default({ file: 'state/hyperv-chatops.json', auditFile: 'state/audit.jsonl', archiveAfterDays: 14 }),
    /** /healthz and /metrics on their own port; absent: not served. */
    ops: z.object({ port: z.number().int().min(0).max(65535), host: z.string().default('127.0.0.1') }).strict().optional(),
    log: z
      .object({
        level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
        /** JSON log file; stderr when absent. */
        file: z.string().optional(),
      })
      .strict()
      .default({ level: 'info' }),
    /** The Slack app (adapters/slack); absent: no Slack. */
    slack: slackConfig.optional(),
    /** The Teams bot (adapters/teams); absent: no Teams. */
    teams: teamsConfig.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = z.infer<typeof clusterConfig>;
