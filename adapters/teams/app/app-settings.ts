/**
 * @module teams/app/app-settings: your organisation's part of the Teams app manifest (who
 * publishes it, its name and colour), kept in a file of your own beside the bot's configuration,
 * so that building the package needs no edit to a tracked file. Unknown fields are refused.
 */
import { z } from 'zod';
import type { TeamsManifest } from './app-package.js';

export const appSettingsSchema = z.strictObject({
  developer: z.strictObject({
    name: z.string().min(1).max(32),
    websiteUrl: z.url({ protocol: /^https$/ }),
    privacyUrl: z.url({ protocol: /^https$/ }),
    termsOfUseUrl: z.url({ protocol: /^https$/ }),
  }).optional(),
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }).optional(),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'accentColor must be #RRGGBB').optional(),
  /** The Teams app's own id, when it is not the bot's. */
  appId: z.uuid().optional(),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

/** Reads the settings; a clear message per wrong field. */
export function parseAppSettings(json: unknown, file: string): AppSettings {
  const result = appSettingsSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new Error(`${file} is not valid:\n${lines.join('\n')}`);
}

export function applyAppSettings(template: TeamsManifest, s: AppSettings): TeamsManifest {
  return {
    ...template,
    ...(s.developer ? { developer: s.developer } : {}),
    ...(s.name ? { name: { ...template.name, ...s.name } } : {}),
    ...(s.accentColor ? { accentColor: s.accentColor } : {}),
  };
}
