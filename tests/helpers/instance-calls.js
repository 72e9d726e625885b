// Functions a test runs inside an app instance started by bench/lib/child.js
// (`server.call('tests/helpers/instance-calls.js', name, ...args)`, each gets that instance's strapi).

/** The instance's recent background-job runs (platform/services/jobs.ts). */
exports.jobHistory = (strapi, job) => strapi.plugin('ppid').service('jobs').history(job);

/** Whether the instance currently counts `uid` as governed (its in-memory bindings). */
exports.isGoverned = (strapi, uid) => strapi.plugin('ppid').service('content').isGoverned(uid);
