#!/usr/bin/env node
'use strict';
// Lists the Strapi admin strings that a PPID officer would still see in English.
//
// Strapi's own Indonesian admin translation (id.json of each package) is incomplete; the app
// completes it in src/admin/translations/id.json, which src/admin/app.tsx hands to
// `config.translations.id` (merged over the built-in strings, plugin keys prefixed with the
// plugin id, e.g. "content-manager.relation.add"). A key is missing when the effective
// Indonesian text (built-in id.json, then the app's file) has no entry or still holds the
// English text. Placeholders ({count}, {name}, plural/select arguments) must match English.
//
//   node scripts/admin-translations-missing.js          # missing keys per package; exit 1 if any
//   node scripts/admin-translations-missing.js --json   # machine-readable
//   node scripts/admin-translations-missing.js --all    # also packages an officer never meets
//
// Run it after a Strapi upgrade: new English keys show up here until they are translated.

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..');
const MODULES = path.join(ROOT, 'node_modules', '@strapi');
const APP_FILE = path.join(ROOT, 'src', 'admin', 'translations', 'id.json');

// Packages whose screens a PPID officer (not a Super Admin) meets. `prefix` is the plugin id
// Strapi prefixes to the package's keys (the core admin has none).
const PACKAGES = [
  { name: 'admin', dir: 'admin/dist/admin/admin/src/translations', code: 'admin/dist/admin/admin/src', prefix: '', officer: true },
  { name: 'content-manager', dir: 'content-manager/dist/admin/translations', code: 'content-manager/dist/admin', prefix: 'content-manager.', officer: true },
  { name: 'upload', dir: 'upload/dist/admin/translations', code: 'upload/dist/admin', prefix: 'upload.', officer: true },
  // No content type of this app is localized: the i18n plugin's editing controls never show.
  { name: 'i18n', dir: 'i18n/dist/admin/translations', prefix: 'i18n.', officer: false },
  { name: 'users-permissions', dir: 'plugin-users-permissions/dist/admin/translations', prefix: 'users-permissions.', officer: false },
  // Enterprise features: hidden in the Community Edition this app runs.
  { name: 'content-releases', dir: 'content-releases/dist/admin/translations', prefix: 'content-releases.', officer: false },
  { name: 'review-workflows', dir: 'review-workflows/dist/admin/translations', prefix: 'review-workflows.', officer: false },
  // The schema builder and mail settings are for the technical administrator.
  { name: 'content-type-builder', dir: 'content-type-builder/dist/admin/translations', prefix: 'content-type-builder.', officer: false },
  { name: 'email', dir: 'email/dist/admin/translations', prefix: 'email.', officer: false },
];

// Admin-package keys an officer never meets: the Settings area (roles, users, tokens, webhooks,
// SSO, ...), the marketplace, enterprise upsells and the schema builder's dialogs. Everything
// else in the officer packages is checked.
const NOT_OFFICER = [
  /^Settings\.(?!profile\.)/, // the profile page (Settings.profile.*) is every officer's
  /^admin\.pages\.MarketPlacePage/,
  /^Auth\.form\.register/, // first-admin registration
  /^Auth\.components\.Oops/,
  /^app\.components\.BlockLink\.(?!documentation)/,
  /^app\.components\.InstallPluginPage/,
  /^app\.components\.GuidedTour\.(apiTokens|CTB|create-content|home|transferTokens)/, // guided tour off
  /^app\.components\.ListPluginsPage/,
  /^app\.components\.Onboarding/,
  /^app\.components\.UpgradePlanModal/,
  /^app\.components\.UpsellBanner/,
  /^app\.containers\.AuthPage\.ForgotPasswordSuccess/,
  /^global\.marketplace/,
  /^global\.plugins/,
  /^Roles\./,
  /^Users\./,
  /^components\.Users\./,
  /^webhooks\./,
  /^tours\.(?!profile\.)/, // the guided tour shows to the first Super Admin only; its reset is on every profile page
  /^Usecase\./, // first-admin onboarding questions
  /^app\.components\.(FreeTrial|UpgradePlan|NpsSurvey)/, // upsells and surveys, off in this app
  /^app\.components\.LeftMenu\.trialCountdown/,
  /^app\.components\.Users\./,
  /^app\.components\.GuidedTour\./, // shown to the first Super Admin only
  /^notification\.ee\./,
  /^notification\.(error\.tokennamenotunique|success\.(apitoken|adminToken|transfertoken))/,
  /^HomePage\.widget\.deploy-now/,
  /^widget\.last-activity/, // audit logs: Enterprise
  /^content-manager\.containers\.(SettingPage|SettingViewModel|SettingsPage|SettingsView|ListSettingsView|EditSettingsView)/,
  /^content-manager\.popUpWarning\.warning\.updateAllSettings/,
  /^content-manager\.ComponentIconPicker/,
  /^content-manager\.components\.(FieldItem|SettingsViewWrapper|DraggableAttr|TableDelete)/,
  /^content-manager\.containers\.(EditView\.components|Edit\.components)\./,
  /^content-manager\.form\.Input\.(?!hint)/, // the view-configuration dialog (hints are on every form)
  /^content-manager\.preview\.(panel\.info|config)/,
  /^upload\.settings\./,
  /^upload\.config\./,
  /^upload\.permissions\./,
  /^upload\.(plugin\.description|plugin\.name\.settings)/,
  /^i18n\.Settings\./,
  /^i18n\.(Field|plugin\.description|Locales\.|CMEditViewCopyLocale)/,
];

// Texts that read the same in Indonesian; an equal value is not a missing translation.
const SAME_IN_ID = new Set([
  'Email', 'URL', 'ID', 'API', 'JSON', 'Slug', 'UID', 'Markdown', 'Media', 'Admin', 'Status',
  'Filter', 'Format', 'Strapi', 'Super Admin', 'GraphQL', 'Total', 'Video', 'Audio', 'Normal',
  'Menu', 'Website', 'Online', 'Offline', 'Info', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'OK', 'PDF',
  'Zip', 'Ctrl', 'Cmd', 'Enter', 'Tab', 'Shift', 'Esc', 'N/A', 'Editor', 'Logo', 'Label', 'Folder',
]);

// Keys whose Indonesian text is the English one on purpose (technical values, loan words).
const SAME_KEYS = new Set([
  'components.Blocks.popover.link.rel.placeholder', // noopener, nofollow, noreferrer
  'components.Blocks.popover.link.target.placeholder', // _blank, _self, ...
  'content-manager.containers.edit-settings.modal-form.label', // Label
  'content-manager.preview.device.desktop', // Desktop
  'upload.header.actions.add-assets.folder', // folder
  'upload.list.filters.type.folder', // Folder
]);

// Strapi ships each translation as `var en = {...}; export { en as default };` (some keys as
// separate `var`s). Evaluate it as a script, synchronously, so that jest can call this too.
function loadModule(file) {
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
  const script = text.replace(/export\s*\{[^}]*?([\w$]+)\s+as\s+default\b[^}]*\};?/, '__result = $1;');
  if (script === text) throw new Error(`unexpected translation module format: ${file}`);
  const context = { __result: undefined };
  vm.runInNewContext(script, context, { timeout: 1000 });
  return context.__result || {};
}

function prefixed(data, prefix) {
  const out = {};
  for (const [k, v] of Object.entries(data)) out[prefix + k] = v;
  return out;
}

let parser;
function argumentsOf(message) {
  // Argument names and their types ({count}, {count, plural, ...}, <b>...</b> tags), nested.
  parser = parser || require('@formatjs/icu-messageformat-parser');
  const names = new Set();
  const walk = (nodes) => {
    for (const n of nodes) {
      if (n.value !== undefined && n.type !== 0 && n.type !== 7 && typeof n.value === 'string') names.add(`${n.type}:${n.value}`);
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(parser.parse(message, { ignoreTag: false, requiresOtherClause: false }));
  return [...names].sort();
}

// Screens an officer never opens: their code-only strings are not checked.
const NOT_OFFICER_CODE = /(^|\/)(ee|Settings|SettingsPage|Marketplace|MarketplacePage|GuidedTour|Roles|Users|ConfigurationForm|InstallPluginPage|ListPluginsPage|AuthResponse|UpsellBanner|ApplicationInfo|Webhooks|ApiTokens|TransferTokens|AuditLogs|NoContentTypePage)(\/|\.)/;

// Some strings exist only in Strapi's code, as a `defaultMessage` whose id is in no en.json
// (a renamed key, or one never added). They show in English whatever the locale, unless the
// app's file supplies the id. Collected from `id: '…', defaultMessage: '…'` pairs, with
// getTranslation()/getTrad() adding the plugin prefix.
function codeOnlyMessages(pkg, en) {
  const out = {};
  if (!pkg.code) return out;
  const root = path.join(MODULES, pkg.code);
  const re = /id:\s*(getTranslation|getTrad)?\(?\s*(['"])([^'"$`{}]+)\2\s*\)?\s*,\s*defaultMessage:\s*(['"`])((?:\\.|(?!\4).)*)\4/g;
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      const rel = path.relative(root, file);
      if (fs.statSync(file).isDirectory()) {
        if (name !== 'translations' && !NOT_OFFICER_CODE.test(rel + '/')) walk(file);
      } else if (name.endsWith('.mjs') && !NOT_OFFICER_CODE.test(rel)) {
        const text = fs.readFileSync(file, 'utf8');
        let m;
        while ((m = re.exec(text))) {
          const key = (m[1] ? pkg.prefix : '') + m[3];
          if (!(key in en)) out[key] = { english: m[5].replace(/\\(.)/g, '$1'), file: rel };
        }
      }
    }
  };
  walk(root);
  return out;
}

// null when the Indonesian text has the same ICU arguments (names and kinds) as the English.
function comparePlaceholders(english, id) {
  let a;
  try {
    a = argumentsOf(english).join(',');
  } catch {
    return null; // Strapi's own English does not parse: nothing to compare against
  }
  let b;
  try {
    b = argumentsOf(id).join(',');
  } catch (e) {
    return `does not parse: ${e.message}`;
  }
  return a === b ? null : `placeholders [${b}] differ from English [${a}]`;
}

function loadAppTranslations() {
  if (!fs.existsSync(APP_FILE)) return {};
  return JSON.parse(fs.readFileSync(APP_FILE, 'utf8'));
}

function isOfficerKey(pkg, key) {
  return pkg.officer && !NOT_OFFICER.some((re) => re.test(key));
}

// `app` replaces the app's file (tests); `effective` is the Indonesian text an officer reads.
function analyse({ all = false, app = loadAppTranslations() } = {}) {
  const effective = {};
  const known = new Set();
  const report = [];
  // Every English key of every package: a code-only id is one that none of them has.
  const allEnglish = {};
  for (const pkg of PACKAGES) {
    const dir = path.join(MODULES, pkg.dir);
    if (fs.existsSync(dir)) Object.assign(allEnglish, prefixed(loadModule(path.join(dir, 'en.json.mjs')), pkg.prefix));
  }
  for (const pkg of PACKAGES) {
    const dir = path.join(MODULES, pkg.dir);
    if (!fs.existsSync(dir)) continue;
    const en = prefixed(loadModule(path.join(dir, 'en.json.mjs')), pkg.prefix);
    const builtIn = prefixed(loadModule(path.join(dir, 'id.json.mjs')), pkg.prefix);
    const missing = [];
    const placeholders = [];
    for (const [key, english] of Object.entries(en)) {
      known.add(key);
      if (typeof english !== 'string') continue;
      const officer = isOfficerKey(pkg, key);
      if (!officer && !all) continue;
      const id = Object.prototype.hasOwnProperty.call(app, key) ? app[key] : builtIn[key];
      if (officer && typeof id === 'string') effective[key] = id;
      // An English-equal value counts as translated only where Indonesian reads the same.
      const same = SAME_KEYS.has(key) || SAME_IN_ID.has(english.trim()) || !/\p{L}{2,}/u.test(english.replace(/\{[^{}]*\}/g, ''));
      if (typeof id !== 'string' || (id.trim() === '' && english.trim() !== '') || (id === english && !same)) {
        missing.push({ key, english, officer });
        continue;
      }
      const problem = comparePlaceholders(english, id);
      if (problem) placeholders.push({ key, english, id, problem });
    }
    for (const [key, { english, file }] of Object.entries(codeOnlyMessages(pkg, allEnglish))) {
      known.add(key);
      if (NOT_OFFICER.some((re) => re.test(key))) continue;
      if (!Object.prototype.hasOwnProperty.call(app, key)) {
        missing.push({ key, english, officer: pkg.officer, codeOnly: file });
        continue;
      }
      if (app[key] === english && !SAME_KEYS.has(key) && !SAME_IN_ID.has(english.trim())) {
        missing.push({ key, english, officer: pkg.officer, codeOnly: file });
        continue;
      }
      if (pkg.officer) effective[key] = app[key];
      const problem = comparePlaceholders(english, app[key]);
      if (problem) placeholders.push({ key, english, id: app[key], problem });
    }
    report.push({ package: pkg.name, officer: pkg.officer, total: Object.keys(en).length, missing, placeholders });
  }
  // The app's own keys must exist in Strapi (a renamed key after an upgrade is dead weight).
  const unknown = Object.keys(app).filter((k) => !known.has(k));
  return { report, unknown, effective };
}

async function main() {
  const args = process.argv.slice(2);
  const { report, unknown } = analyse({ all: args.includes('--all') });
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ report, unknown }, null, 2) + '\n');
  } else {
    for (const r of report) {
      if (!r.missing.length && !r.placeholders.length) continue;
      console.log(`\n## ${r.package}: ${r.missing.length} missing, ${r.placeholders.length} placeholder problems (of ${r.total})`);
      for (const m of r.missing) console.log(`${m.key}\t${JSON.stringify(m.english)}${m.codeOnly ? `\t(only in code: ${m.codeOnly})` : ''}`);
      for (const p of r.placeholders) console.log(`PLACEHOLDER ${p.key}: ${p.problem}\n  en: ${p.english}\n  id: ${p.id}`);
    }
    if (unknown.length) console.log(`\n## keys in src/admin/translations/id.json that Strapi does not have\n${unknown.join('\n')}`);
  }
  const bad = report.some((r) => r.officer && (r.missing.some((m) => m.officer) || r.placeholders.length));
  if (!args.includes('--json')) console.log(bad ? '\nofficer-facing strings still missing' : '\nall officer-facing strings translated');
  process.exit(bad || unknown.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}

module.exports = { analyse, argumentsOf, comparePlaceholders, PACKAGES };
