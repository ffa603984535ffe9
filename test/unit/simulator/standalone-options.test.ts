import { readSimulatorOptions, startLine } from '../../../src/simulator/standalone-options';

const newKey = () => 'sim-generated';

describe('readSimulatorOptions', () => {
  it('defaults: batch on 127.0.0.1:4010 with a generated key', () => {
    expect(readSimulatorOptions({}, newKey)).toEqual({ ok: true, options: { source: 'batch', host: '127.0.0.1', port: 4010, apiKey: 'sim-generated', keyGenerated: true } });
  });

  it('takes HUME_SOURCE, PORT (0 for any free port), SIMULATOR_HOST and HUME_API_KEY; empty values mean the default', () => {
    expect(readSimulatorOptions({ HUME_SOURCE: ' Runs ', PORT: '0', SIMULATOR_HOST: '0.0.0.0', HUME_API_KEY: 'k-1' }, newKey)).toEqual({
      ok: true,
      options: { source: 'runs', host: '0.0.0.0', port: 0, apiKey: 'k-1', keyGenerated: false },
    });
    expect(readSimulatorOptions({ HUME_SOURCE: '', PORT: '', SIMULATOR_HOST: '', HUME_API_KEY: ' ' }, newKey)).toMatchObject({ ok: true, options: { source: 'batch', port: 4010, keyGenerated: true } });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (0: any free port), not "abc".'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535 (0: any free port), not "-1".'],
    [{ PORT: '65536' }, 'PORT must be a whole number from 0 to 65535 (0: any free port), not "65536".'],
    [{ PORT: '4e3' }, 'PORT must be a whole number from 0 to 65535 (0: any free port), not "4e3".'],
    [{ HUME_SOURCE: 'foo' }, 'HUME_SOURCE must be "batch" or "runs", not "foo".'],
    [{ HUME_API_KEY: 'two words' }, 'HUME_API_KEY must be 1 to 200 visible ASCII characters without spaces (or unset, to get a generated key).'],
  ])('%j → one problem', (env, problem) => {
    expect(readSimulatorOptions(env, newKey)).toEqual({ ok: false, problems: [problem] });
  });
});

describe('startLine', () => {
  it('says where, which key, and the command that points the app at it', () => {
    const options = { source: 'runs', host: '127.0.0.1', port: 4010, apiKey: 'sim-ab', keyGenerated: true } as const;
    expect(startLine(options, 'http://127.0.0.1:4010')).toBe(
      'Hume simulator (runs API /v1/expression/run) at http://127.0.0.1:4010, key sim-ab (generated: set HUME_API_KEY to choose it); point the app at it with HUME_SOURCE=runs HUME_API_URL=http://127.0.0.1:4010 HUME_API_KEY=sim-ab npm start',
    );
  });
});
