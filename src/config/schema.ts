/**
 * @module config/schema: the one configuration file, validated by zod. Secrets never live
 * here: fields ending in `Env` name the environment variable that holds them.
 */
import { z } from 'zod';
import { ROLES } from '../core/access.js';

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

export const simulatedClusterConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'cluster name: letters, digits, dots, hyphens'),
    kind: z.literal('simulated'),
    /** A JSON inventory to rehearse with your own names; the demo cluster when absent. */
    inventory: z.string().optional(),
    /** Live migration bandwidth of the simulation, MB/s. */
    bandwidthMBps: z.number().positive().optional(),
    approvals: approvals.optional(),
    conversations: z.array(conversationBinding).optional(),
  })
  .strict();

export const clusterConfig = z.discriminatedUnion('kind', [simulatedClusterConfig]);

const user = z
  .object({
    name: z.string().min(1),
    console: z.string().optional(),
    slack: z.string().optional(),
    teams: z.string().optional(),
    /** Role per cluster name; "*" for every cluster. */
    roles: z.record(z.string(), z.enum(ROLES)),
  })
  .strict();

export const configSchema = z
  .object({
    clusters: z.array(clusterConfig).min(1),
    defaultCluster: z.string().optional(),
    users: z.array(user).default([]),
    requests: z.object({ expiresAfterMinutes: z.number().int().min(1).max(24 * 60).default(30) }).strict().default({ expiresAfterMinutes: 30 }),
    progress: z
      .object({
        updateIntervalSeconds: z.number().min(0.5).max(600).default(3),
        pollSeconds: z.number().min(0.1).max(60).default(1),
      })
      .strict()
      .default({ updateIntervalSeconds: 3, pollSeconds: 1 }),
    console: z.object({ user: z.string().default('alice') }).strict().default({ user: 'alice' }),
    state: z
      .object({
        /** lowdb JSON file of requests and jobs; "memory" keeps them in the process only. */
        file: z.string().default('state/hyperv-chatops.json'),
        auditFile: z.string().default('state/audit.jsonl'),
      })
      .strict()
      .default({ file: 'state/hyperv-chatops.json', auditFile: 'state/audit.jsonl' }),
    log: z
      .object({
        level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
        /** JSON log file; stderr when absent. */
        file: z.string().optional(),
      })
      .strict()
      .default({ level: 'info' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = z.infer<typeof clusterConfig>;
