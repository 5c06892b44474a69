import type pg from 'pg';

/** The same server, another database. */
export function withDatabase(connection: pg.PoolConfig, database: string): pg.PoolConfig {
  if (connection.connectionString) {
    const url = new URL(connection.connectionString);
    url.pathname = `/${database}`;
    return { connectionString: url.toString() };
  }
  return { ...connection, database };
}

/** A DATABASE_URL for a connection config, whether PostgreSQL listens on a socket (embedded) or TCP. */
export function databaseUrlOf(config: pg.PoolConfig): string {
  if (config.connectionString) return config.connectionString;
  const url = new URL(`postgres://localhost/${config.database}`);
  url.username = String(config.user);
  url.password = encodeURIComponent(String(config.password ?? ''));
  if (config.port) url.port = String(config.port);
  if (config.host?.startsWith('/')) url.searchParams.set('host', config.host);
  else if (config.host) url.hostname = config.host;
  return url.toString();
}
