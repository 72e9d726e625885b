// Fresh databases for bench runs (SQLite file or PostgreSQL database), dropped afterwards.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { ROOT } = require('./child');

async function createDatabase(client) {
  const name = `ppid_b_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  if (client === 'sqlite') {
    const filename = path.join('.tmp', `${name}.db`);
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(ROOT, filename + s), { force: true });
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
  throw new Error(`bench: unsupported database ${client}`);
}

module.exports = { createDatabase };
