// The benchmark's (and the tests') baseline types, ungoverned copies of Informasi Publik (same
// attributes, Draft & Publish, no SOP):
// - `api::plain-item.plain-item`: with Strapi's defaults (the schema a body would have without
//   the plugin): the "speed-up over default Strapi" baseline;
// - `api::indexed-item.indexed-item` (bench only): the same columns as the governed type, its
//   private `ppidPublic` flag included, and the bench gives its table exactly the indexes the
//   product gives the governed type (bench/lib/setup.js, from services/indexes.ts): the "guard
//   overhead" baseline, where the public guard is the only difference.
// Neither is part of the app or the plugin: a bench or test entry registers them on its own
// Strapi instance, after createStrapi() and before load(), so no real body's schema or API has them.
//   const app = createStrapi({ appDir, distDir });
//   require('../bench/lib/plain-item').registerPlainItem(app);
//   await app.load();
const { factories } = require('@strapi/strapi');

const UID = 'api::plain-item.plain-item';

const schema = {
  "kind": "collectionType",
  "collectionName": "plain_items",
  "info": {
    "singularName": "plain-item",
    "pluralName": "plain-items",
    "displayName": "Plain Item (benchmark fixture)",
    "description": "Ungoverned copy of Informasi Publik: the plain-Strapi baseline of the benchmarks and tests; registered by bench/lib/plain-item.js, never part of the app"
  },
  "options": {
    "draftAndPublish": true
  },
  "pluginOptions": {},
  "attributes": {
    "title": {
      "type": "string",
      "required": true,
      "minLength": 3,
      "maxLength": 300
    },
    "summary": {
      "type": "text",
      "required": true,
      "maxLength": 2000
    },
    "body": {
      "type": "blocks"
    },
    "classification": {
      "type": "enumeration",
      "enum": [
        "berkala",
        "serta_merta",
        "setiap_saat",
        "dikecualikan"
      ],
      "required": true,
      "default": "setiap_saat"
    },
    "kind": {
      "type": "relation",
      "relation": "manyToOne",
      "target": "api::information-kind.information-kind"
    },
    "unit": {
      "type": "relation",
      "relation": "manyToOne",
      "target": "plugin::ppid.unit"
    },
    "holder": {
      "type": "string",
      "maxLength": 300
    },
    "responsible": {
      "type": "string",
      "maxLength": 300
    },
    "production": {
      "type": "component",
      "repeatable": false,
      "component": "ppid.waktu-tempat"
    },
    "form": {
      "type": "enumeration",
      "enum": [
        "softcopy",
        "hardcopy",
        "softcopy_hardcopy"
      ],
      "default": "softcopy"
    },
    "retention": {
      "type": "component",
      "repeatable": false,
      "component": "ppid.retensi"
    },
    "attachments": {
      "type": "media",
      "multiple": true,
      "allowedTypes": [
        "files",
        "images"
      ]
    },
    "publicationDate": {
      "type": "datetime"
    },
    "refreshMonths": {
      "type": "integer",
      "min": 1,
      "max": 6
    },
    "announcement": {
      "type": "component",
      "repeatable": false,
      "component": "ppid.pengumuman-serta-merta"
    }
  }
};

const INDEXED_UID = 'api::indexed-item.indexed-item';

const indexedSchema = {
  ...schema,
  collectionName: 'indexed_items',
  info: {
    singularName: 'indexed-item',
    pluralName: 'indexed-items',
    displayName: 'Indexed Item (benchmark fixture)',
    description: "Ungoverned copy of Informasi Publik with the governed type's columns and indexes: the guard-overhead baseline of the benchmarks",
  },
  attributes: {
    ...schema.attributes,
    // The governed type's private flag (set on every published row here, never read by a guard).
    ppidPublic: { type: 'boolean', default: false, private: true, configurable: false, visible: false },
  },
};

function register(strapi, apiName, globalId, uid, s) {
  if (strapi.get('apis').get(apiName)) return;
  strapi.get('apis').add(apiName, {
    config: {},
    contentTypes: {
      [apiName]: { schema: { ...JSON.parse(JSON.stringify(s)), apiName, globalId }, actions: {}, lifecycles: {} },
    },
    controllers: { [apiName]: factories.createCoreController(uid) },
    services: { [apiName]: factories.createCoreService(uid) },
    routes: { [apiName]: factories.createCoreRouter(uid) },
    policies: {},
    middlewares: {},
  });
}

/** Adds the fixture API (content type, core controller/service/routes) to a not-yet-loaded app. */
function registerPlainItem(strapi) {
  register(strapi, 'plain-item', 'PlainItem', UID, schema);
}

/** The guard-overhead baseline (bench only). */
function registerIndexedItem(strapi) {
  register(strapi, 'indexed-item', 'IndexedItem', INDEXED_UID, indexedSchema);
}

module.exports = { UID, INDEXED_UID, schema, indexedSchema, registerPlainItem, registerIndexedItem };
