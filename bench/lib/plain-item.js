// The benchmark's (and the tests') baseline type: `api::plain-item.plain-item`, an ungoverned
// copy of Informasi Publik (same attributes, Draft & Publish, no SOP). It is NOT part of the app
// or the plugin: a bench or test entry registers it on its own Strapi instance, after
// createStrapi() and before load(), so no real body's schema or API ever has it.
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

/** Adds the fixture API (content type, core controller/service/routes) to a not-yet-loaded app. */
function registerPlainItem(strapi) {
  if (strapi.get('apis').get('plain-item')) return;
  strapi.get('apis').add('plain-item', {
    config: {},
    contentTypes: {
      'plain-item': {
        schema: { ...JSON.parse(JSON.stringify(schema)), apiName: 'plain-item', globalId: 'PlainItem' },
        actions: {},
        lifecycles: {},
      },
    },
    controllers: { 'plain-item': factories.createCoreController(UID) },
    services: { 'plain-item': factories.createCoreService(UID) },
    routes: { 'plain-item': factories.createCoreRouter(UID) },
    policies: {},
    middlewares: {},
  });
}

module.exports = { UID, schema, registerPlainItem };
