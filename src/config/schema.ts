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

/** How the bot gets Kerberos tickets for a remote cluster's nodes (docs/kerberos.md). */
export const kerberosConfig = z
  .object({
    /** `svc-chatops@CORP.EXAMPLE` (realm in capitals); by default `username` when it has that form. */
    principal: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'kerberos.principal: user@REALM').optional(),
    /** A keytab for the principal (ktpass /out …): a logon without a password. */
    keytab: z.string().min(1).optional(),
    /** The node's service principal, when the endpoint's host name is not the name it is registered under; `HTTP/<endpoint host>` by default. */
    spn: z.string().regex(/^HTTP\/[^/@\s]+(@[^@\s]+)?$/i, 'kerberos.spn: HTTP/node1.corp.example').optional(),
    /** With auth `negotiate`: fall back to NTLM (with the password) when Kerberos cannot work for a node. Off by default. */
    ntlmFallback: z.boolean().default(false),
    /** Renew tickets this long before they end; 5. */
    renewMarginMinutes: z.number().int().min(1).max(600).default(5),
  })
  .strict();

/** A real failover cluster, reached over WinRM on one of its nodes. */
export const remoteClusterConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'cluster name: letters, digits, dots, hyphens'),
    kind: z.literal('remote'),
    /** `https://node1.example.com:5986/wsman`, or `http://node1:5985/wsman` with NTLM (message encryption). */
    endpoint: z.url({ protocol: /^https?$/, error: 'endpoint should be an http:// or https:// WinRM URL' }),
    /** `kerberos`: Kerberos only; `negotiate`: Kerberos, with NTLM only if kerberos.ntlmFallback (docs/kerberos.md). */
    auth: z.enum(['ntlm', 'basic', 'kerberos', 'negotiate']).default('ntlm'),
    /** With auth `kerberos` or `negotiate`. */
    kerberos: kerberosConfig.optional(),
    /** `DOMAIN\\user` or `user@domain.example`. */
    username: z.string().min(1),
    /**
     * The environment variable that holds the password; the password itself never goes in this
     * file. Not needed for a Kerberos keytab logon (kerberos.keytab) without NTLM fallback.
     */
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'passwordEnv should name an environment variable, like HYPERV_PROD_PASSWORD').optional(),
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
    nodes: z.record(z.string().min(1), z.object({
      endpoint: z.url({ protocol: /^https?$/, error: 'nodes.<node>.endpoint should be an http:// or https:// WinRM URL' }),
      /** With Kerberos: the node's service principal when its endpoint's host is not the name it is registered under. */
      spn: z.string().regex(/^HTTP\/[^/@\s]+(@[^@\s]+)?$/i, 'nodes.<node>.spn: HTTP/node2.corp.example').optional(),
    }).strict()).default({}),
    approvals: approvals.optional(),
    conversations: z.array(conversationBinding).optional(),
  })
  .strict();

/** A PostgreSQL database shared by the replicas; its URL (with the password) lives in the environment. */
export const postgresConfig = z
  .object({
    /** The environment variable that holds the URL, like postgres://hyperv_chatops:PASSWORD@db:5432/hyperv_chatops. */
    urlEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'urlEnv should name an environment variable, like HYPERV_CHATOPS_PG_URL'),
    /** Connections each replica opens at most. */
    poolSize: z.number().int().min(2).max(100).default(10),
    /** A replica that has not renewed a cluster's lease for this long loses it to another (seconds). */
    leaseSeconds: z.number().min(2).max(300).default(15),
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
        /** State and audit log in PostgreSQL instead of the files, for several replicas (docs/scaling.md). */
        postgres: postgresConfig.optional(),
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
