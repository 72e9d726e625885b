import { requestsConfig } from '../../../config';
import {
  DEFAULT_SCAN_RETENTION_DAYS,
  checkDeclaredLength,
  parseRetentionDays,
  requestServiceGrants,
  scanRetention,
} from '..';

const DAY = 24 * 60 * 60 * 1000;
const closed = new Date('2026-03-02T03:00:00Z');

describe('scanRetention: when an identity scan may be deleted', () => {
  it('never while the request runs', () => {
    expect(scanRetention({ requestClosedAt: null, objections: [] }, 90)).toEqual({ hold: 'request_open', due: null });
  });

  it('N days after the request closed when no objection was filed', () => {
    expect(scanRetention({ requestClosedAt: closed, objections: [] }, 90)).toEqual({ hold: null, due: new Date(closed.getTime() + 90 * DAY) });
  });

  it('never while an objection is unanswered, even past its own deadline (the applicant may still go to the Komisi Informasi)', () => {
    expect(scanRetention({ requestClosedAt: closed, objections: [{ answeredAt: null, dispute: null }] }, 90).hold).toBe('objection_open');
  });

  it('counts from the answer, and never while a dispute has no outcome', () => {
    const answered = new Date('2026-04-20T02:00:00Z');
    expect(scanRetention({ requestClosedAt: closed, objections: [{ answeredAt: answered, dispute: null }] }, 60)).toEqual({ hold: null, due: new Date(answered.getTime() + 60 * DAY) });
    const open = { answeredAt: answered, dispute: { filedAt: '2026-05-01', outcome: null } };
    expect(scanRetention({ requestClosedAt: closed, objections: [{ answeredAt: null, dispute: null }, open] }, 60).hold).toBe('objection_open');
    expect(scanRetention({ requestClosedAt: closed, objections: [open] }, 60).hold).toBe('dispute_open');
    // A dispute filed on an unanswered objection (its 30 working days passed) and decided: from the outcome's day.
    const decided = { answeredAt: null, dispute: { filedAt: '2026-05-01', outcome: { date: '2026-08-10' } } };
    expect(scanRetention({ requestClosedAt: closed, objections: [decided] }, 60)).toEqual({ hold: null, due: new Date(Date.parse('2026-08-10T23:59:59Z') + 60 * DAY) });
  });
});

describe('requests.identityScanRetentionDays', () => {
  it('defaults to 90 days and refuses a period shorter than the objection and dispute windows, naming the key', () => {
    expect(DEFAULT_SCAN_RETENTION_DAYS).toBe(90);
    expect(parseRetentionDays(undefined)).toBe(90);
    expect(parseRetentionDays('120')).toBe(120);
    expect(() => parseRetentionDays(30)).toThrow(/requests\.identityScanRetentionDays \(PPID_IDENTITY_SCAN_RETENTION_DAYS\).*from 60/);
    expect(() => parseRetentionDays('3 bulan')).toThrow(/identityScanRetentionDays/);
    expect(requestsConfig({ identityScanRetentionDays: '365' }).identityScanRetentionDays).toBe(365);
    expect(requestsConfig(undefined).identityScanRetentionDays).toBe(90);
  });
});

describe('checkDeclaredLength (before the body parser)', () => {
  it('413 over the limit, 411 for a chunked body, ok within it or with no body', () => {
    expect(checkDeclaredLength('1000', undefined, 1000)).toEqual({ ok: true });
    expect(checkDeclaredLength('1001', undefined, 1000)).toEqual({ ok: false, status: 413 });
    expect(checkDeclaredLength('99999999999999999999', undefined, 1000)).toEqual({ ok: false, status: 413 });
    expect(checkDeclaredLength('12abc', undefined, 1000)).toEqual({ ok: false, status: 413 });
    expect(checkDeclaredLength(undefined, 'chunked', 1000)).toEqual({ ok: false, status: 411 });
    expect(checkDeclaredLength(undefined, undefined, 1000)).toEqual({ ok: true });
  });
});

describe('the information service roles\' permissions', () => {
  it('only the Petugas Informasi sees identity documents; the PPID and the Atasan PPID handle objections', () => {
    expect(requestServiceGrants('petugas-informasi')).toEqual(['requests.enter', 'requests.manage', 'requests.personal-data', 'registers.read']);
    expect(requestServiceGrants('ppid')).toEqual(['requests.manage', 'objections.manage', 'registers.read']);
    expect(requestServiceGrants('atasan-ppid')).toEqual(['objections.manage', 'registers.read']);
    expect(requestServiceGrants('ppid-pelaksana')).toEqual(['requests.read']);
    expect(requestServiceGrants('camat')).toEqual([]);
  });
});
