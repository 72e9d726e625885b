import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

// Each test file gets its own fresh database, dropped afterwards, on the engine named by
// DATABASE_CLIENT (sqlite | postgres | mysql). Connection defaults match this machine and CI.
export type TestDatabase = { client: string; name: string; env: Record<string, string>; drop(): Promise<void> };

const ROOT = path.resolve(__dirname, '..', '..');

export async function createTestDatabase(): Promise<TestDatabase> {
  const client = process.env.DATABASE_CLIENT || 'sqlite';
  const name = `ppid_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

  if (client === 'sqlite') {
    const filename = path.join('.tmp', `${name}.db`);
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    return {
      client,
      name,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(ROOT, filename + suffix), { force: true });
      },
    };
  }

  if (client === 'postgres') {
    const { Client } = require('pg');
    const base = {
      host: process.env.PGHOST_TEST || '127.0.0.1',
      port: Number(process.env.PGPORT_TEST || 5432),
      user: process.env.PGUSER_TEST || 'postgres',
      password: process.env.PGPASSWORD_TEST || '',
    };
    const admin = new Client({ ...base, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return {
      client,
      name,
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: base.host,
        DATABASE_PORT: String(base.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: base.user,
        DATABASE_PASSWORD: base.password,
      },
      async drop() {
        const c = new Client({ ...base, database: 'postgres' });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }

  if (client === 'mysql') {
    const mysql = require('mysql2/promise');
    const base = {
      host: process.env.MYSQL_HOST_TEST || '127.0.0.1',
      port: Number(process.env.MYSQL_PORT_TEST || 3306),
      user: process.env.MYSQL_USER_TEST || 'root',
      password: process.env.MYSQL_PASSWORD_TEST || '',
    };
    const conn = await mysql.createConnection(base);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return {
      client,
      name,
      env: {
        DATABASE_CLIENT: 'mysql',
        DATABASE_HOST: base.host,
        DATABASE_PORT: String(base.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: base.user,
        DATABASE_PASSWORD: base.password,
      },
      async drop() {
        const c = await mysql.createConnection(base);
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.end();
      },
    };
  }

  throw new Error(`Unknown DATABASE_CLIENT "${client}" (use sqlite, postgres or mysql)`);
}
