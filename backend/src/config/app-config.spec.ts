import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({ dataDir: '.data/pglite', port: 54329 });
    expect(config.http.port).toBe(3000);
    expect(config.seedDemoData).toBe(true);
    expect(config.timeZone).toBe('Europe/Brussels');
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/x',
      PORT: '8080',
      SEED_DEMO_DATA: 'false',
      APP_TIME_ZONE: 'Europe/Madrid',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.database.url).toBe('postgres://u@db:5432/x');
    expect(config.http.port).toBe(8080);
    expect(config.seedDemoData).toBe(false);
    expect(config.timeZone).toBe('Europe/Madrid');
    expect(config.database.poolSize).toBe(4);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['APP_TIME_ZONE', 'Mars/Olympus'],
    ['SEED_DEMO_DATA', 'yes'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s at boot, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
