import { ANY_JOB, isAnyJob, matchesJob, sameMatch } from '../../../src/jobs/job-match';
import { makeJob } from '../../support/jobs';

describe('matchesJob', () => {
  const audioRun = makeJob({ id: 'run_a', source: 'runs', endpoint: 'audio', mode: 'realtime', userId: 'usr_7Hq2' });
  const videoRun = makeJob({ id: 'run_v', source: 'runs', endpoint: 'video', mode: 'file', userId: 'usr_other' });
  const faceJob = makeJob({ id: 'job_f', models: [{ name: 'face', options: {} }, { name: 'prosody', options: {} }] });

  it.each([
    ['any job matches the empty rule', audioRun, ANY_JOB, true],
    ['endpoint audio keeps the audio run', audioRun, { ...ANY_JOB, endpoint: 'audio' as const }, true],
    ['endpoint audio drops the video run', videoRun, { ...ANY_JOB, endpoint: 'audio' as const }, false],
    ['mode and user both have to hold', audioRun, { ...ANY_JOB, mode: 'realtime' as const, userId: 'usr_other' }, false],
    ['mode and user both holding', audioRun, { ...ANY_JOB, mode: 'realtime' as const, userId: 'usr_7Hq2' }, true],
    ['a model the job ran', faceJob, { ...ANY_JOB, model: 'prosody' }, true],
    ['a model it did not run', faceJob, { ...ANY_JOB, model: 'language' }, false],
    ['a batch job has no endpoint', faceJob, { ...ANY_JOB, endpoint: 'audio' as const }, false],
  ])('%s', (_name, job, match, expected) => {
    expect(matchesJob(job, match)).toBe(expected);
  });

  it('names the rule without filters and compares rules by what they select', () => {
    expect(isAnyJob(ANY_JOB)).toBe(true);
    expect(isAnyJob({ ...ANY_JOB, model: 'face' })).toBe(false);
    expect(sameMatch({ ...ANY_JOB, model: 'face' }, { ...ANY_JOB, model: 'face' })).toBe(true);
    expect(sameMatch({ ...ANY_JOB, model: 'face' }, { ...ANY_JOB, endpoint: 'audio' })).toBe(false);
  });
});
