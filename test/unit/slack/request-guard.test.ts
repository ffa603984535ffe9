/** Which request bodies reach Bolt: what Slack sends does, what would crash Bolt's receiver does not. */
import { problemWithBody } from '../../../src/slack/request-guard';

const FORM = 'application/x-www-form-urlencoded';

test.each([
  ['a slash command', FORM, 'command=%2Fhume-jobs&text=help'],
  ['ssl_check', FORM, 'ssl_check=1&token=x'],
  ['a block_actions payload', FORM, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [] }))}`],
  ['an Events API body', 'application/json', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened' } })],
  ['JSON Bolt cannot parse (Bolt answers 400 itself)', 'application/json', '{not json'],
])('%s passes', (_name, contentType, body) => {
  expect(problemWithBody(contentType, body)).toBeNull();
});

test.each([
  ['payload=null', FORM, 'payload=null'],
  ['payload={}', FORM, 'payload=%7B%7D'],
  ['payload=[]', FORM, 'payload=%5B%5D'],
  ['payload of a string', FORM, 'payload=%22x%22'],
  ['payload that is not JSON', FORM, 'payload=%7Bnope'],
  ['two payload fields', FORM, 'payload=%7B%22type%22%3A%22x%22%7D&payload=y'],
  ['JSON null', 'application/json', 'null'],
  ['JSON array', 'application/json', '[1]'],
  ['JSON number', 'application/json', '7'],
])('%s is refused with a reason', (_name, contentType, body) => {
  expect(problemWithBody(contentType, body)).toMatch(/payload|JSON/);
});
