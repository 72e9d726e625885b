import { adminAuth as auth, open } from '../routes/helpers';

// The requests domain's routes: public content API (under /api/ppid) for applicants without an
// account, each door with its own per-address limit (counted first: refused attempts count too);
// admin routes (under /ppid) for the officials who answer requests and objections, and the
// registers and the annual report (registers.read).
const limit = (bucket: 'file' | 'objection' | 'track') => ({ name: 'plugin::ppid.request-rate-limit', config: { bucket } });

export default {
  // The written notice and the extension (Pasal 22 ayat 7-8): the PPID's, behind requests.manage;
  // signing the notice is the SOP 101 decide step's act (POST /runs/:id/acts).
  admin: [
    // The officials' desk (controllers/desk.ts): the Petugas Informasi enters a request received in person
    // or by letter (requests.enter); the list and a request's facts for whoever enters, decides or
    // answers objections (checked in the controller: any one of the three permissions).
    { method: 'GET', path: '/requests', handler: 'desk.list', config: auth() },
    { method: 'POST', path: '/requests', handler: 'desk.enter', config: { ...auth('requests.enter'), middlewares: ['plugin::ppid.request-body-limit'] } },
    { method: 'GET', path: '/requests/:id', handler: 'desk.detail', config: auth() },
    { method: 'GET', path: '/requests/:id/notice', handler: 'requests.getNotice', config: auth('requests.manage') },
    { method: 'PUT', path: '/requests/:id/notice', handler: 'requests.recordNotice', config: auth('requests.manage') },
    { method: 'POST', path: '/requests/:id/extension', handler: 'requests.extend', config: auth('requests.manage') },
    // The applicant's identity documents: the controller checks requests.manage and
    // requests.personal-data itself, so that a refused attempt is logged like a read.
    { method: 'GET', path: '/requests/:id/identity-scan', handler: 'personalData.identityScan', config: auth() },
    { method: 'GET', path: '/requests/:id/applicant', handler: 'personalData.applicant', config: auth('requests.manage') },
    // The log of those reads, refusals and deletions, for auditors (records.personal-data: it
    // carries officials' addresses and browsers, as signature records do).
    { method: 'GET', path: '/personal-data-log', handler: 'personalData.log', config: auth('records.personal-data') },
    // The Atasan PPID's answer to an objection and the dispute (Pasal 36-37): objections.manage.
    { method: 'GET', path: '/objections/:id', handler: 'objections.get', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/answer', handler: 'objections.answer', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/dispute', handler: 'objections.dispute', config: auth('objections.manage') },
    { method: 'PUT', path: '/objections/:id/dispute/outcome', handler: 'objections.disputeOutcome', config: auth('objections.manage') },
    // Register Permohonan Informasi / Register Keberatan and the annual report (Pasal 12).
    { method: 'GET', path: '/registers/:name', handler: 'registers.register', config: auth('registers.read') },
    { method: 'GET', path: '/reports/annual/:year', handler: 'registers.annual', config: auth('registers.read') },
    { method: 'POST', path: '/reports/annual/:year/propose', handler: 'registers.propose', config: auth('registers.read') },
  ],
  contentApi: [
    {
      method: 'POST',
      path: '/requests',
      handler: 'requests.file',
      config: { ...open, middlewares: [limit('file'), 'plugin::ppid.request-body-limit'] },
    },
    // Every door that answers for a number and an e-mail counts in the tracking bucket (no guessing).
    { method: 'GET', path: '/requests/:number', handler: 'requests.track', config: { ...open, middlewares: [limit('track')] } },
    { method: 'GET', path: '/requests/:number/receipt', handler: 'requests.receipt', config: { ...open, middlewares: [limit('track')] } },
    { method: 'GET', path: '/requests/:number/notice', handler: 'requests.notice', config: { ...open, middlewares: [limit('track')] } },
    {
      method: 'POST',
      path: '/requests/:number/objections',
      handler: 'requests.fileObjection',
      config: { ...open, middlewares: [limit('objection'), 'plugin::ppid.request-body-limit'] },
    },
    { method: 'GET', path: '/requests/:number/objections/:objection/answer', handler: 'requests.objectionAnswer', config: { ...open, middlewares: [limit('track')] } },
    { method: 'GET', path: '/requests/:number/objections/:objection/form', handler: 'requests.objectionForm', config: { ...open, middlewares: [limit('track')] } },
  ],
};
