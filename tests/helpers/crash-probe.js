// Installed in a server child process by the crash test (bench/server.js `call`): logs every
// workflow act as it starts, as its record is sealed (inside the act's transaction) and as it
// commits, with synchronous appends, so the log survives a kill -9 and tells which acts were
// in flight. `holdMs` keeps each transaction open a little after sealing, so the kill can land
// while one is open.
const fs = require('fs');
const { AsyncLocalStorage } = require('async_hooks');

exports.install = (strapi, file, holdMs = 200) => {
  const current = new AsyncLocalStorage();
  const wf = strapi.plugin('ppid').service('workflow');
  const records = strapi.plugin('ppid').service('records');
  const act = wf.act;
  const append = records.append;
  const appendingLast = records.appendingLast;
  let n = 0;
  const log = (line) => fs.appendFileSync(file, `${line}\n`);
  wf.act = function (...args) {
    const id = `${process.pid}-${++n}`;
    return current.run(id, async () => {
      log(`start ${id}`);
      try {
        return await act.apply(this, args);
      } catch (e) {
        log(`failed ${id}`); // refused or rolled back: nothing of it was committed
        throw e;
      }
    });
  };
  // The act's one transaction: "commit" is logged the moment it has committed, not after the
  // act has also read its answer (a kill in between would count a committed act as in flight).
  records.appendingLast = async function (...args) {
    const result = await appendingLast.apply(this, args);
    const id = current.getStore();
    if (id) log(`commit ${id}`);
    return result;
  };
  records.append = async function (...args) {
    const record = await append.apply(this, args);
    const id = current.getStore();
    if (id) {
      log(`sealed ${id} ${record.verificationCode}`);
      await new Promise((r) => setTimeout(r, holdMs));
    }
    return record;
  };
  return { pid: process.pid };
};

/** Parses the log: acts started, sealed (with their codes) and committed. */
exports.read = (file) => {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const started = new Set();
  const committed = new Set();
  const sealed = new Map();
  for (const line of text.split('\n')) {
    const [what, id, code] = line.split(' ');
    if (what === 'start') started.add(id);
    else if (what === 'commit' || what === 'failed') committed.add(id);
    else if (what === 'sealed') sealed.set(id, [...(sealed.get(id) || []), code]);
  }
  const inFlight = [...started].filter((id) => !committed.has(id));
  const sealedInFlight = inFlight.filter((id) => sealed.has(id));
  return { started, committed, sealed, inFlight, sealedInFlight };
};
