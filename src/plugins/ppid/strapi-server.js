'use strict';
// The server part is compiled by `npm run build:plugin` (tsc -p src/plugins/ppid) into dist/.
// Requiring it fails loudly when it was not built, instead of Strapi skipping the plugin.
module.exports = require('./dist/server/src').default;
