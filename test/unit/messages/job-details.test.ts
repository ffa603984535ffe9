import type { Job } from '../../../src/jobs/job';
import {
  buildJobDetailsModal,
  buildJobMessage,
  buildLoadingModal,
  buildModalError,
} from '../../../src/messages/job-details';
import { slackDate } from '../../../src/messages/mrkdwn';
import { allTexts, unsafeMarkup, validateMessage, validateModal } from '../../support/block-kit-validator';
import { batchJob, hostileJob, NOW, runJobs, seedJob } from './jobs';
import { expectToContainAll, textOf as text } from './text';


/** A capped list shows some lines and ends with "and N more" for exactly the rest. */
function listIsHonest(payload: unknown, label: string, total: number): boolean {
  const list = allTexts(payload).find((t) => t.startsWith(`*${label}*`)) ?? '';
  const shown = list.split('\n').filter((l) => l.startsWith('• ')).length;
  return shown > 0 && (shown === total || list.endsWith(`and ${total - shown} more`));
}

function runJob(i: number): Job {
  const job = runJobs()[i];
  if (!job) throw new Error(`no run ${i}`);
  return job;
}

describe('buildJobDetailsModal: a batch job (the API reference example)', () => {
  const modal = buildJobDetailsModal(seedJob(), NOW);
  const all = text(modal);

  it('is a read-only modal titled with the short id', () => {
    expect(validateModal(modal)).toEqual([]);
    expect(modal.type).toBe('modal');
    expect(modal.title).toEqual({ type: 'plain_text', text: 'Job job_id', emoji: true });
    expect(modal.close?.text).toBe('Close');
    expect(modal.submit).toBeUndefined();
  });

  it('shows the full id, source and raw status', () => {
    expect(all).toContain('*ID* `job_id`');
    expect(all).toContain('*Source* batch · status `COMPLETED`');
  });

  it('lists each file with its content type and md5, and the URLs', () => {
    expect(all).toContain('*Files* (1)\n• filename — content_type · md5 `md5sum`');
    expect(all).toContain('*URLs* (1)\n• `https://hume-tutorials.s3.amazonaws.com/faces.zip`');
  });

  it("shows each model's options as compact key: value text, leaving out unset (null) options", () => {
    expectToContainAll(all, [
      '• *face* — fps_pred: 3, identify_faces: false, min_face_size: 60, prob_threshold: 0.99, save_faces: false',
      '• *language* — granularity: word, identify_speakers: false',
      '• *burst* — default options',
    ]);
    expect(all).not.toContain('descriptions');
    expect(all).not.toContain('null');
  });

  it('shows the timeline as date tokens with queue wait and run time, and the counts', () => {
    expectToContainAll(all, [
      `Created: ${slackDate(1712587158717)}`,
      `Started: ${slackDate(1712587158800)}`,
      `Ended: ${slackDate(1712587159274)}`,
      'Queue wait: 83 ms',
      'Run time: 474 ms',
      '*Results*\n10 predictions · 0 errors',
    ]);
  });

  it('has no error or problems sections for a clean batch job', () => {
    expect(all).not.toContain('*Error*');
    expect(all).not.toContain('*Problems*');
  });
});

describe('buildJobDetailsModal: text inputs, failures and long lists', () => {
  it('counts texts and shows the error message as plain text', () => {
    const job = batchJob({
      status: 'failed',
      inputs: { files: [], urls: [], textCount: 3 },
      errorMessage: 'bad *input*\nsecond line',
    });
    const modal = buildJobDetailsModal(job, NOW);
    expect(validateModal(modal)).toEqual([]);
    expect(text(modal)).toContain('*Texts* 3');
    const error = modal.blocks.find((b) => b.type === 'section' && b.text?.type === 'plain_text');
    expect(error).toMatchObject({ text: { type: 'plain_text', text: 'bad *input*\nsecond line' } });
  });

  it('caps long lists with "and N more"', () => {
    const urls = Array.from({ length: 300 }, (_, i) => `https://example.com/media/${i}/${'x'.repeat(40)}.mp4`);
    const modal = buildJobDetailsModal(batchJob({ inputs: { files: [], urls, textCount: 0 } }), NOW);
    expect(validateModal(modal)).toEqual([]);
    expect(allTexts(modal).some((t) => t.startsWith('*URLs* (300)\n'))).toBe(true);
    expect(listIsHonest(modal, 'URLs', 300)).toBe(true);
    expect(listIsHonest(modal, 'URLs', 299)).toBe(false);
  });

  it('says a queued job has not started yet and how long it has waited', () => {
    const queued = batchJob({ status: 'queued', startedAt: null, endedAt: null, createdAt: NOW - 125_000 });
    const all = text(buildJobDetailsModal(queued, NOW));
    expectToContainAll(all, ['Started: not yet', 'Ended: not yet', 'Queue wait: 2 min 5 s so far']);
  });
});

describe('buildJobDetailsModal: runs', () => {
  it('shows endpoint, mode, user, the error and problem counts by kind', () => {
    const modal = buildJobDetailsModal(runJob(1), NOW);
    const all = text(modal);
    expect(validateModal(modal)).toEqual([]);
    expectToContainAll(all, [
      '*Run*\nEndpoint: video · Mode: realtime · User: `usr_7Hq2`',
      '*Problems*\n• `invalid_image_frame`: 1\n• `rate_limited`: 1',
      `Started: ${slackDate(Date.parse('2026-11-28T09:02:40.004Z'))}`,
      'The run closed with an internal error (close code 1011).',
    ]);
    expect(all).not.toContain('log capped');
    expect(all).not.toContain('Created:');
  });

  it('says counts are lower bounds when the problem log was capped', () => {
    const job = { ...runJob(1), problems: { counts: { rate_limited: 500, invalid_image_frame: 2 }, capped: true } };
    expect(text(buildJobDetailsModal(job, NOW))).toContain(
      '*Problems* (log capped: counts are lower bounds)\n• `rate_limited`: 500\n• `invalid_image_frame`: 2',
    );
  });

  it('says "none reported" for a run with an empty problem log, and a live run is still running', () => {
    const live = { ...runJob(0), problems: { counts: {}, capped: false } };
    const all = text(buildJobDetailsModal(live, NOW));
    expectToContainAll(all, ['*Problems*\nNone reported.', 'Ended: not yet', 'Run time: 2 h 45 min so far']);
  });
});

describe('buildJobMessage', () => {
  it('carries the same content as a message with a header and fallback text', () => {
    const job = runJob(1);
    const message = buildJobMessage(job, NOW);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Job b2d4e6f8' } });
    expect(message.blocks.slice(1)).toEqual(buildJobDetailsModal(job, NOW).blocks);
    expect(message.text).toBe(
      `Job b2d4e6f8: Failed, started ${slackDate(Date.parse('2026-11-28T09:02:40.004Z'))} — The run closed with an internal error (close code 1011).`,
    );
  });
});

describe('escaping and limits on hostile jobs', () => {
  it('shows a <!channel> file name and a <@U1> error only escaped', () => {
    const job = batchJob({
      inputs: { files: [{ name: '<!channel>', contentType: '<b>', md5: '&' }], urls: ['<https://evil|ok>'], textCount: 0 },
      models: [{ name: '<!here>', options: { '<k>': '<v>' } }],
      status: 'failed',
      errorMessage: 'Ask <@U1>',
    });
    for (const payload of [buildJobDetailsModal(job, NOW), buildJobMessage(job, NOW)]) {
      const json = JSON.stringify(payload);
      expect(json).not.toMatch(/<!channel>|<@U1>|<!here>|<https/);
      expect(json).toContain('&lt;!channel&gt;');
      expect(json).toContain('Ask &lt;@U1&gt;');
      expect(unsafeMarkup(payload)).toEqual([]);
    }
  });

  it.each(Array.from({ length: 8 }, (_, i) => i))('hostile job %i: modal ≤100 blocks and message ≤50, every limit held', (i) => {
    const job = hostileJob(i);
    const modal = buildJobDetailsModal(job, NOW);
    const message = buildJobMessage(job, NOW);
    expect(validateModal(modal)).toEqual([]);
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(modal)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
    for (const [label, total] of [['Files', 40], ['URLs', 40], ['Models', 12], ['Problems', 30]] as const) {
      expect(listIsHonest(modal, label, total)).toBe(true);
    }
  });
});

describe('loading and error modals', () => {
  it('opens at once with the job id, escaped', () => {
    const modal = buildLoadingModal('<!channel>-job');
    expect(validateModal(modal)).toEqual([]);
    expect(modal.title.text).toBe('Job &lt;!channe');
    expect(text(modal)).toContain('Loading job `&lt;!channel&gt;-job`');
    expect(validateModal(buildLoadingModal('x'.repeat(5000)))).toEqual([]);
  });

  it('shows the reason as one escaped sentence', () => {
    const modal = buildModalError('No job <@U1> found.');
    expect(validateModal(modal)).toEqual([]);
    expect(text(modal)).toContain(':warning: No job &lt;@U1&gt; found.');
  });
});
