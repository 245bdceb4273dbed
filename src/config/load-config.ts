/**
 * @module load-config: reads the config file (HYPERV_CHATOPS_CONFIG or
 * ./hyperv-chatops.config.json). No file means the demo: a simulated cluster, the console,
 * alice (operator), bob and carol (approvers). Errors name the file and the field.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkConfig } from './config-checks.js';
import { configSchema, type Config } from './schema.js';
import { accessProblems } from './access-schema.js';

export const DEFAULT_CONFIG_FILE = 'hyperv-chatops.config.json';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`The configuration in ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from; undefined for the built-in demo. */
  file: string | undefined;
}

export const demoConfig = (): Config =>
  configSchema.parse({
    clusters: [{ name: 'demo', kind: 'simulated' }],
    users: [
      { name: 'alice', console: 'alice', roles: { '*': 'operator' } },
      { name: 'bob', console: 'bob', roles: { '*': 'approver' } },
      { name: 'carol', console: 'carol', roles: { '*': 'approver' } },
      { name: 'dave', console: 'dave', roles: { '*': 'viewer' } },
    ],
    console: { user: 'alice', allowAs: true },
    state: { file: 'memory', auditFile: 'memory' },
    log: { level: 'warn' },
  });

export function parseConfig(raw: unknown, file: string): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`),
    );
  }
  const { config, problems } = checkConfig(result.data);
  problems.push(...accessProblems(config.access, config.directory, config.clusters.map((c) => c.name), config.users.map((u) => u.name)));
  if (problems.length) throw new ConfigError(file, problems);
  return config;
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<LoadedConfig> {
  const named = env.HYPERV_CHATOPS_CONFIG;
  if (named !== undefined && named.trim() === '') throw new ConfigError('HYPERV_CHATOPS_CONFIG', ['the variable is set but empty; name the config file, or unset it for the demo']);
  const file = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && named === undefined) return { config: demoConfig(), file: undefined };
    // A named file that is missing is a mistake (a typo, an unmounted volume), never a reason to run the demo.
    if (code === 'ENOENT') throw new ConfigError(file, [`the file does not exist (named by HYPERV_CHATOPS_CONFIG); the demo runs only when HYPERV_CHATOPS_CONFIG is unset and ${DEFAULT_CONFIG_FILE} is absent`]);
    throw new ConfigError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return { config: parseConfig(raw, file), file };
}
