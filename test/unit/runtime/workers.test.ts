import { workerSet, type Worker } from '../../../src/runtime/workers';

function worker(name: string, log: string[], stop: () => Promise<void> = () => Promise.resolve()): Worker {
  return {
    name,
    start: () => void log.push(`start ${name}`),
    stop: async () => {
      log.push(`stop ${name}`);
      await stop();
      log.push(`stopped ${name}`);
    },
  };
}

describe('workerSet', () => {
  test('starts every worker in order and stops them all together', async () => {
    const log: string[] = [];
    let finishPoller!: () => void;
    const set = workerSet([worker('poller', log, () => new Promise<void>((r) => (finishPoller = r))), worker('delivery', log)]);
    set.start();
    expect(log).toEqual(['start poller', 'start delivery']);
    let stopped = false;
    const stopping = set.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    // Delivery was not made to wait for the poller's current cycle to start stopping.
    expect(log).toEqual(['start poller', 'start delivery', 'stop poller', 'stop delivery', 'stopped delivery']);
    expect(stopped).toBe(false);
    finishPoller();
    await stopping;
    expect(log.at(-1)).toBe('stopped poller');
  });

  test('one worker failing to stop does not leave the others running, and is named', async () => {
    const log: string[] = [];
    const set = workerSet([worker('boards', log, () => Promise.reject(new Error('store gone'))), worker('pruner', log)]);
    await expect(set.stop()).rejects.toThrow('boards did not stop cleanly');
    expect(log).toContain('stopped pruner');
  });
});
