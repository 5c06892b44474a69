import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that start a local server on port 3000 with data in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, url: 'http://localhost:3000', hostname: 'localhost:3000', databaseUrl: null, redisUrl: null, rateLimit: true, workers: 1 });
    expect(config.dataDir).toBe(path.resolve('data'));
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080', MIKAN_URL: 'https://mikan.example/', MIKAN_DATA_DIR: '/srv/mikan', DATABASE_URL: 'postgres://u:p@db:5432/mikan',
      REDIS_URL: 'redis://cache:6379', MIKAN_SETUP_PASSWORD: 's3cret', MIKAN_RATE_LIMIT: 'off', MIKAN_WORKERS: '3',
    });
    expect(config).toMatchObject({
      port: 8080, url: 'https://mikan.example', hostname: 'mikan.example', dataDir: '/srv/mikan',
      databaseUrl: 'postgres://u:p@db:5432/mikan', redisUrl: 'redis://cache:6379', setupPassword: 's3cret', rateLimit: false, workers: 3,
    });
  });

  it('refuses malformed values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ MIKAN_URL: 'ftp://x' })).toThrow(/MIKAN_URL/);
    expect(() => loadConfig({ MIKAN_URL: 'not a url' })).toThrow(/MIKAN_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });

  it('MIKAN_WORKERS: a number or auto (one per core), and more than one only with REDIS_URL', () => {
    const redis = { REDIS_URL: 'redis://cache:6379' };
    expect(loadConfig({ ...redis, MIKAN_WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
    expect(loadConfig({ MIKAN_WORKERS: '1' }).workers).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'many', '65']) expect(() => loadConfig({ ...redis, MIKAN_WORKERS: bad })).toThrow(/MIKAN_WORKERS/);
    expect(() => loadConfig({ MIKAN_WORKERS: '2' })).toThrow(/REDIS_URL/);
  });

  it('MIKAN_NODEINFO_SOFTWARE: misskey by default, or mikan', () => {
    expect(loadConfig({}).nodeinfoSoftware).toBe('misskey');
    expect(loadConfig({ MIKAN_NODEINFO_SOFTWARE: 'mikan' }).nodeinfoSoftware).toBe('mikan');
    expect(() => loadConfig({ MIKAN_NODEINFO_SOFTWARE: 'pleroma' })).toThrow(/MIKAN_NODEINFO_SOFTWARE/);
  });
});
