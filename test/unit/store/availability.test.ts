/** Which failures mean the database is gone (an outage) and which are one statement failing. */
import { outageReason, StoreUnavailableError, watchDriver, type StoreAvailability } from '../../../src/store/availability';
import type { SqlDriver } from '../../../src/store/driver';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

test.each([
  ['postgres', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
  ['postgres', withCode('read ECONNRESET', 'ECONNRESET')],
  ['postgres', withCode('terminating connection due to administrator command', '57P01')],
  ['postgres', withCode('the database system is starting up', '57P03')],
  ['postgres', withCode('connection failure', '08006')],
  ['postgres', withCode('sorry, too many clients already', '53300')],
  ['postgres', new Error('Connection terminated unexpectedly')],
  ['postgres', new Error('timeout exceeded when trying to connect')],
  ['sqlite', withCode('database disk image is malformed', 'SQLITE_CORRUPT')],
  ['sqlite', withCode('file is not a database', 'SQLITE_NOTADB')],
  ['sqlite', withCode('attempt to write a readonly database', 'SQLITE_READONLY')],
  ['sqlite', withCode('disk I/O error', 'SQLITE_IOERR_WRITE')],
  ['sqlite', withCode('database or disk is full', 'SQLITE_FULL')],
] as const)('%s: %s is an outage', (dialect, error) => {
  expect(outageReason(error, dialect)).toMatch(/database/);
});

test.each([
  ['postgres', withCode('duplicate key value violates unique constraint', '23505')],
  ['postgres', withCode('syntax error at or near', '42601')],
  ['sqlite', withCode('UNIQUE constraint failed: outbox.dedupe_key', 'SQLITE_CONSTRAINT_UNIQUE')],
  ['sqlite', withCode('database is locked', 'SQLITE_BUSY')],
  ['postgres', 'not an error'],
] as const)('%s: %s is one statement failing, not an outage', (dialect, error) => {
  expect(outageReason(error, dialect)).toBeNull();
});

test('the watched driver reports each change of state once, and rethrows outages as StoreUnavailableError', async () => {
  let failWith: Error | null = null;
  const driver: SqlDriver = {
    dialect: 'postgres',
    query: () => (failWith ? Promise.reject(failWith) : Promise.resolve([])),
    transaction: () => (failWith ? Promise.reject(failWith) : Promise.resolve(undefined as never)),
    close: () => Promise.resolve(),
  };
  const changes: StoreAvailability['state'][] = [];
  const watched = watchDriver(driver, (a) => changes.push(a.state), () => 0);
  await watched.query({ sql: 'SELECT 1', params: {} });
  failWith = withCode('connect ECONNREFUSED', 'ECONNREFUSED');
  for (let i = 0; i < 3; i++) await expect(watched.query({ sql: 'SELECT 1', params: {} })).rejects.toBeInstanceOf(StoreUnavailableError);
  failWith = withCode('duplicate key', '23505');
  await expect(watched.query({ sql: 'INSERT', params: {} })).rejects.toMatchObject({ code: '23505' });
  failWith = null;
  await watched.query({ sql: 'SELECT 1', params: {} });
  await watched.query({ sql: 'SELECT 1', params: {} });
  expect(changes).toEqual(['unavailable', 'ok']);
});
