import path from 'path';

/** An absolute DATABASE_FILENAME is used as given; a relative one is under the app folder. */
const sqliteFile = (name: string) => (path.isAbsolute(name) ? name : path.join(__dirname, '..', '..', name));

// SQLite is the zero-configuration default; PostgreSQL (production) and MySQL/MariaDB are
// chosen with DATABASE_CLIENT and the usual DATABASE_* variables or DATABASE_URL.
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) };
  const ssl = env.bool('DATABASE_SSL', false)
    ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
    : false;

  const connections = {
    mysql: {
      connection: env('DATABASE_URL')
        ? { uri: env('DATABASE_URL') }
        : {
            host: env('DATABASE_HOST', '127.0.0.1'),
            port: env.int('DATABASE_PORT', 3306),
            database: env('DATABASE_NAME', 'strapi'),
            user: env('DATABASE_USERNAME', 'root'),
            password: env('DATABASE_PASSWORD', ''),
            ssl,
          },
      pool,
    },
    postgres: {
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        ssl,
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool,
    },
    sqlite: {
      connection: {
        filename: sqliteFile(env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };

  return {
    connection: {
      client,
      ...connections[client],
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
