/** @module commands: every chat command. Adding one: a file here and a line below. */
import type { AnyCommandSpec } from '../src/core/command-spec.js';
import { audit } from './audit.js';
import { checkpoint } from './checkpoint.js';
import { checkpoints } from './checkpoints.js';
import { approve, cancel, deny } from './decisions.js';
import { drain } from './drain.js';
import { events } from './events.js';
import { help } from './help.js';
import { job } from './job.js';
import { jobs } from './jobs.js';
import { migrate } from './migrate.js';
import { moveVolume } from './move-volume.js';
import { nodes } from './nodes.js';
import { restart } from './restart.js';
import { resume } from './resume.js';
import { save } from './save.js';
import { start } from './start.js';
import { stop, turnOff } from './stop.js';
import { validate, validateStorage } from './validate.js';
import { vm } from './vm.js';
import { vms } from './vms.js';
import { volumes } from './volumes.js';
import { whoami, whois } from './whoami.js';

export const commands: readonly AnyCommandSpec[] = [
  help, vms, vm, nodes, volumes, migrate, drain, resume,
  moveVolume, validate, validateStorage, start, stop, turnOff, save, restart, checkpoint, checkpoints, events,
  jobs, job, audit, approve, deny, cancel, whoami, whois,
];
