/**
 * Hostile or broken requests to the real app (src/index.ts in its own process, over loopback)
 * get an answer, never a crash: signed bodies that parse to nothing Slack sends, a 4 MB upload,
 * and clients that stop mid-request. After each, the process is alive and answers /healthz.
 */
import { BODY_LIMIT_BYTES, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../../src/slack/request-guard';
import { waitFor } from '../../support/app-harness';
import { killAll, type ChildApp } from '../../support/child-process';
import { postSignedRaw, residentBytes, stall, stalledUpload } from '../../support/raw-http';
import { startRealApp, startRealAppWorld, type RealAppWorld } from '../../support/real-app';

// Each test starts the app in a process of its own: slower than Jest's 5 s on a loaded machine.

const SECRET = 'real-app-secret';
const FORM = 'application/x-www-form-urlencoded';

let world: RealAppWorld;
let app: ChildApp;
const children: ChildApp[] = [];

beforeAll(async () => {
  world = await startRealAppWorld();
  app = await startRealApp(world.env({ POLL_INTERVAL: 'off', LOG_LEVEL: 'info' }));
  children.push(app);
});

afterAll(async () => {
  await killAll(children);
  await world.close();
});

async function expectAlive(): Promise<void> {
  expect(app.process.exitCode).toBeNull();
  const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
  expect(response.status).toBe(200);
}

test.each([
  ['payload=null', 'payload=null', FORM],
  ['payload={}', 'payload=%7B%7D', FORM],
  ['payload=[]', 'payload=%5B%5D', FORM],
  ['payload=7', 'payload=7', FORM],
  ['two payload fields', 'payload=%7B%22type%22%3A%22block_actions%22%7D&payload=x', FORM],
  ['a JSON body null', 'null', 'application/json'],
  ['a JSON body 7', '7', 'application/json'],
])('a signed %s is answered 400 and the app lives', async (_name, body, contentType) => {
  const answer = await postSignedRaw(app.port, body, contentType, SECRET);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatch(/^Not a Slack request: /);
  await expectAlive();
});

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

test.each([
  ['block_actions without actions', form({ type: 'block_actions' }), FORM],
  ['block_actions with actions null', form({ type: 'block_actions', actions: null, user: null }), FORM],
  ['block_actions with a null action', form({ type: 'block_actions', actions: [null], user: { id: 'U0' } }), FORM],
  ['block_actions with a button of ours and nothing else', form({ type: 'block_actions', actions: [{ action_id: 'hume_jobs_page', value: 'x' }] }), FORM],
  ['view_submission without a view', form({ type: 'view_submission' }), FORM],
  ['a shortcut', form({ type: 'shortcut', callback_id: 'x' }), FORM],
  ['a slash command without text or ids', 'command=%2Fhume-jobs', FORM],
  ['a slash command for another command', 'command=%2Fother&text=x', FORM],
  ['event_callback without an event', JSON.stringify({ type: 'event_callback' }), 'application/json'],
  ['event_callback with event null', JSON.stringify({ type: 'event_callback', event: null }), 'application/json'],
  ['app_home_opened without a user', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened' } }), 'application/json'],
])('a signed %s gets an answer and the app lives', async (_name, body, contentType) => {
  const answer = await postSignedRaw(app.port, body, contentType, SECRET);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(600);
  await expectAlive();
});

test('a 4 MB body is refused with 413 before it is read, and the app lives', async () => {
  const body = Buffer.alloc(4 * 1024 * 1024, 'a');
  const answer = await postSignedRaw(app.port, body, FORM, SECRET);
  expect(answer.status).toBe(413);
  expect(answer.body).toContain(String(BODY_LIMIT_BYTES));
  await expectAlive();
});

test('the 413 comes before the body: a request that declares 4 MB and sends none of it is answered', async () => {
  const upload = await stalledUpload(app.port, `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`, 0);
  try {
    await waitFor(() => upload.answer().startsWith('HTTP/1.1 413'), 'the 413', 5000);
  } finally {
    upload.close();
  }
  await expectAlive();
});

test('100 uploads of 4 MB that stall after 2 MB hold no memory (each is refused at its headers)', async () => {
  const before = residentBytes(app.process.pid!);
  const head = `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`;
  const uploads: Awaited<ReturnType<typeof stalledUpload>>[] = [];
  try {
    for (let i = 0; i < 100; i += 10) uploads.push(...(await Promise.all(Array.from({ length: 10 }, () => stalledUpload(app.port, head, 2 * 1024 * 1024)))));
    await waitFor(() => uploads.every((u) => u.answer().startsWith('HTTP/1.1 413')), 'every upload to be refused', 10_000);
    const grownMb = (residentBytes(app.process.pid!) - before) / 1024 / 1024;
    console.info(`RSS grew by ${grownMb.toFixed(1)} MB over 100 stalled uploads`);
    // Bolt alone buffered each body whole (up to 4 MB): 100 x 2 MB would be 200 MB more.
    expect(grownMb).toBeLessThan(60);
    await expectAlive();
  } finally {
    for (const upload of uploads) upload.close();
  }
});

test('a 4 MB body sent without Content-Length (chunked) is cut off at the limit with 413', async () => {
  const answer = await new Promise<number>((resolve) => {
    void import('node:http').then(({ request }) => {
      const req = request({ host: '127.0.0.1', port: app.port, method: 'POST', path: '/slack/events', headers: { 'content-type': FORM } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => undefined);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 64) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        req.end();
      };
      more();
    });
  });
  expect(answer).toBe(413);
  await expectAlive();
});

test('a client that stops after its headers, or in the middle of them, is disconnected within the timeouts', async () => {
  const margin = 3_000;
  const [noBody, halfHeaders] = await Promise.all([
    stall(app.port, `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: 1000\r\n\r\npayload=`, REQUEST_TIMEOUT_MS + margin),
    stall(app.port, 'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty', HEADERS_TIMEOUT_MS + margin),
  ]);
  expect(noBody.closedAfterMs).not.toBeNull();
  expect(noBody.closedAfterMs!).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + margin);
  expect(halfHeaders.closedAfterMs).not.toBeNull();
  expect(halfHeaders.closedAfterMs!).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + margin);
  await expectAlive();
});

test('a real slash command still works after all of that', async () => {
  const body = new URLSearchParams({ command: '/hume-jobs', text: 'help', team_id: 'T0', user_id: 'U0', channel_id: 'C0', response_url: world.slack.responseUrl(), trigger_id: '1.2.3' }).toString();
  const answer = await postSignedRaw(app.port, body, FORM, SECRET);
  expect(answer.status).toBe(200);
  await expectAlive();
});
