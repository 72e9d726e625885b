// The plugin permissions the information service's SOP roles need (issue #15), by SOP role key
// (the keys of sops/101 and 102, the same names bodies map): given with the role wherever the
// product provisions SOP roles (the demo seed, platform/services/demo.ts).
//
// - Petugas Informasi registers requests (and enters those received in person or by letter),
//   checks the form's completeness including the applicant's identity document (Perki 1/2021:
//   an individual shows an identity card, a legal body its deed), and keeps the registers: so
//   requests.enter, requests.manage, requests.personal-data (the only role that sees the scan and
//   the full identity number), registers.read.
// - PPID records and signs the written notice, extends, drafts the answer to an objection and
//   records the dispute: requests.manage, objections.manage, registers.read. It decides on the
//   information, not on who asks (UU 14/2008 Pasal 4: anyone may ask): no identity documents.
// - Atasan PPID reads and signs the answer to an objection (Pasal 36 ayat 2) and oversees the
//   service: objections.manage, registers.read.
// - PPID Pelaksana searches and prepares the information: its SOP steps, and requests.read to
//   see the request (without personal data) and its run in Tugas Saya, nothing more.
export const REQUEST_SERVICE_GRANTS: Readonly<Record<string, readonly string[]>> = {
  'petugas-informasi': ['requests.enter', 'requests.manage', 'requests.personal-data', 'registers.read'],
  ppid: ['requests.manage', 'objections.manage', 'registers.read'],
  'atasan-ppid': ['objections.manage', 'registers.read'],
  'ppid-pelaksana': ['requests.read'],
};

/** The plugin actions (uids without the `plugin::ppid.` prefix) an SOP role key of the service holds. */
export function requestServiceGrants(roleKey: string): string[] {
  return [...(REQUEST_SERVICE_GRANTS[roleKey] ?? [])];
}
