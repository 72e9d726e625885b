import type { Core } from '@strapi/strapi';
import type { TestApp } from './strapi';

export type Person = { id: number; email: string; password: string; token: string; roleId: number };

/** Logs an admin user in through the real /admin/login route and returns the JWT. */
export async function login(app: TestApp, email: string, password: string): Promise<string> {
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

const dir = (strapi: Core.Strapi) => strapi.plugin('ppid').service('directory');

let nipSerial = 1;
/** A valid NIP: birth 1980-05-07, appointed 2005-01, male, a fresh serial. */
export const nextNip = () => `19800507200501${1}${String(nipSerial++).padStart(3, '0')}`;

/**
 * One admin user per SOP role, each in an admin role mapped to that SOP role (optionally for
 * one unit), with an official record (nama, NIP, jabatan).
 */
export async function peopleFor(
  app: TestApp,
  sopCode: string,
  spec: { key: string; sopRoles: string[]; jabatan: string; unit?: number | null }[]
): Promise<Record<string, Person>> {
  const out: Record<string, Person> = {};
  for (const p of spec) {
    const role = await dir(app.strapi).ensureRole(`${sopCode}:${p.key}`);
    const email = `${p.key}.${sopCode}@example.go.id`.toLowerCase();
    const password = `Rahasia-${p.key}-123`;
    const user = await dir(app.strapi).ensureUser({ email, firstname: p.jabatan, lastname: p.key, password, roles: [role.id] });
    await dir(app.strapi).ensureOfficial({ nama: `${p.jabatan} ${p.key}`, nip: nextNip(), jabatan: p.jabatan, unit: p.unit ?? null, user: user.id });
    for (const sopRole of p.sopRoles) await dir(app.strapi).mapRole(sopCode, sopRole, role.id, p.unit ?? null);
    out[p.key] = { id: user.id, email, password, token: await login(app, email, password), roleId: role.id };
  }
  return out;
}

export const bearer = (p: Person) => ({ Authorization: `Bearer ${p.token}` });
