import { validationProgressOf } from '../../../src/cluster/remote/validation-progress.js';
import type { ProgressRecord } from '../../../src/remoting/powershell/index.js';

const record = (fields: Partial<ProgressRecord>): ProgressRecord => ({
  activity: 'Validating cluster prod', activityId: 0, statusDescription: '', parentActivityId: -1, percentComplete: -1, secondsRemaining: -1, recordType: 'Processing', ...fields,
});

describe('Test-Cluster progress records read as validation progress', () => {
  test('the category named in the status, with the percent given', () => {
    expect(validationProgressOf(record({ statusDescription: 'Network tests', percentComplete: 40 }))).toEqual({ category: 'Network', percent: 40 });
  });

  test('a category named in the current operation or the activity counts too, matched whole and without regard to case', () => {
    expect(validationProgressOf(record({ currentOperation: 'Validate Hyper-V Configuration: node2', percentComplete: 60 }))).toEqual({ category: 'Hyper-V Configuration', percent: 60 });
    expect(validationProgressOf(record({ activity: 'cluster configuration', percentComplete: 90 }))).toEqual({ category: 'Cluster Configuration', percent: 90 });
  });

  test('a record without a percent, without a category, or closing the activity tells nothing', () => {
    expect(validationProgressOf(record({ statusDescription: 'Network tests' }))).toBeUndefined();
    expect(validationProgressOf(record({ statusDescription: 'Collecting data', percentComplete: 10 }))).toBeUndefined();
    expect(validationProgressOf(record({ statusDescription: 'Network tests', percentComplete: 100, recordType: 'Completed' }))).toBeUndefined();
  });
});
