import config, { APP_TYPE_DEFAULTS, httpCacheConfig, resolveAppTypes, validateConfig } from '..';

const ITEM = APP_TYPE_DEFAULTS.itemType;
const DIP = APP_TYPE_DEFAULTS.dipEntryType;
const KIND = APP_TYPE_DEFAULTS.kindType;

// The reference app's three types, as far as the check reads them.
const MODELS: Record<string, any> = {
  [ITEM]: { options: { draftAndPublish: true }, attributes: { title: { type: 'string' }, classification: { type: 'enumeration' } } },
  [DIP]: {
    options: { draftAndPublish: true },
    attributes: {
      nomor: { type: 'integer' },
      ringkasan: { type: 'text' },
      pejabatUnit: { type: 'string' },
      penanggungJawab: { type: 'string' },
      waktuTempat: { type: 'component' },
      bentuk: { type: 'enumeration' },
      retensi: { type: 'component' },
      classification: { type: 'enumeration' },
      link: { type: 'string' },
      informationItem: { type: 'relation', relation: 'oneToOne', target: ITEM },
    },
  },
  [KIND]: { options: { draftAndPublish: false }, attributes: { code: { type: 'uid' }, label: { type: 'string' }, classification: { type: 'enumeration' } } },
  'api::article.article': { options: { draftAndPublish: true }, attributes: { title: { type: 'string' }, classification: { type: 'enumeration' } } },
};
const lookup = (models: Record<string, any>) => (uid: string) => models[uid] ?? null;
const defaults = () => config.default({ env: (_k: string, fallback?: string) => fallback as string });

describe('ppid config: format (validator at load)', () => {
  it('accepts the defaults, which name the reference types', () => {
    const c = defaults();
    expect(() => validateConfig(c)).not.toThrow();
    expect(c).toMatchObject({ itemType: ITEM, dipEntryType: DIP, kindType: KIND });
  });

  it('accepts null for each type (the feature is off)', () => {
    expect(() => validateConfig({ ...defaults(), itemType: null, dipEntryType: null, kindType: null })).not.toThrow();
  });

  it.each([
    ['itemType', 'information-item'],
    ['dipEntryType', 'api::dip-entry'],
    ['kindType', 'api::Information-Kind.information-kind'],
    ['itemType', 42],
    ['dipEntryType', ''],
  ])('rejects %s = %p, naming the key', (key, value) => {
    expect(() => validateConfig({ ...defaults(), [key]: value })).toThrow(new RegExp(`ppid config: ${key} must be a content-type uid`));
  });

  it('still checks the kop keys', () => {
    expect(() => validateConfig({ ...defaults(), instansi: 3 })).toThrow('ppid config: instansi must be a string');
  });
});

describe('ppid config: against the app (register)', () => {
  it('resolves the reference app to its three types', () => {
    expect(resolveAppTypes(defaults(), lookup(MODELS))).toEqual({ types: { itemType: ITEM, dipEntryType: DIP, kindType: KIND }, dropped: [] });
  });

  it('turns a default whose type the host lacks into null, and says which', () => {
    const only = { 'api::article.article': MODELS['api::article.article'] };
    expect(resolveAppTypes(defaults(), lookup(only))).toEqual({
      types: { itemType: null, dipEntryType: null, kindType: null },
      dropped: ['itemType', 'dipEntryType', 'kindType'],
    });
  });

  it('takes a host type as the item type (no DIP entry type: proposals off)', () => {
    const r = resolveAppTypes({ ...defaults(), itemType: 'api::article.article', dipEntryType: null }, lookup(MODELS));
    expect(r.types).toEqual({ itemType: 'api::article.article', dipEntryType: null, kindType: KIND });
  });

  it('stops on a configured uid that is not a type of the app, naming the key', () => {
    expect(() => resolveAppTypes({ ...defaults(), itemType: 'api::berita.berita' }, lookup(MODELS))).toThrow(
      /ppid config: itemType names "api::berita.berita", which is not a content type of this app/
    );
  });

  it('stops on a DIP entry type without the DIP columns, listing them', () => {
    expect(() => resolveAppTypes({ ...defaults(), dipEntryType: 'api::article.article' }, lookup(MODELS))).toThrow(
      /ppid config: dipEntryType "api::article.article" lacks what the plugin needs: no attribute "nomor".*no attribute "retensi"/
    );
  });

  it('stops on an item type without Draft & Publish or with a wrongly typed class', () => {
    const models = { ...MODELS, [ITEM]: { options: { draftAndPublish: false }, attributes: { classification: { type: 'boolean' } } } };
    expect(() => resolveAppTypes(defaults(), lookup(models))).toThrow(
      /ppid config: itemType .* "classification" is boolean, expected enumeration \| string; Draft & Publish is off/
    );
  });

  it('needs the entry-to-item relation when both types are set', () => {
    expect(() => resolveAppTypes({ ...defaults(), itemType: 'api::article.article' }, lookup(MODELS))).toThrow(
      /ppid config: dipEntryType "api::dip-entry.dip-entry" needs a relation attribute "informationItem" to itemType "api::article.article"/
    );
  });
});

describe('ppid config: httpCache', () => {
  it('defaults to on, 60 seconds; the environment gives the number as text', () => {
    expect(httpCacheConfig(undefined)).toEqual({ enabled: true, maxAge: 60 });
    expect(httpCacheConfig(defaults().httpCache)).toEqual({ enabled: true, maxAge: 60 });
    expect(httpCacheConfig({ maxAge: '300' })).toEqual({ enabled: true, maxAge: 300 });
    expect(httpCacheConfig({ enabled: false, maxAge: 0 })).toEqual({ enabled: false, maxAge: 0 });
  });

  it.each([
    [{ maxAge: -1 }, /httpCache\.maxAge must be a whole number/],
    [{ maxAge: 1.5 }, /httpCache\.maxAge must be a whole number/],
    [{ maxAge: '60s' }, /httpCache\.maxAge must be a whole number/],
    [{ maxAge: 31536001 }, /httpCache\.maxAge must be a whole number/],
    [{ enabled: 'yes' }, /httpCache\.enabled must be true or false/],
    [{ maxage: 10 }, /httpCache\.maxage is not a setting/],
    ['60', /httpCache must be an object/],
  ])('refuses %j at boot, naming the key', (value, message) => {
    expect(() => validateConfig({ ...defaults(), httpCache: value })).toThrow(message);
  });
});
