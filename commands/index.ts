/** @module commands: every chat command. Adding one: a file here and a line below. */
import type { AnyCommandSpec } from '../src/core/command-spec.js';
import { audit } from './audit.js';
import { approve, cancel, deny } from './decisions.js';
import { drain } from './drain.js';
import { help } from './help.js';
import { job } from './job.js';
import { jobs } from './jobs.js';
import { migrate } from './migrate.js';
import { nodes } from './nodes.js';
import { resume } from './resume.js';
import { vm } from './vm.js';
import { vms } from './vms.js';
import { volumes } from './volumes.js';

export const commands: readonly AnyCommandSpec[] = [help, vms, vm, nodes, volumes, migrate, drain, resume, jobs, job, audit, approve, deny, cancel];
