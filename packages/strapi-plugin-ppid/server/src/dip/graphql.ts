import type { Core } from '@strapi/strapi';
import { formatCell } from '../core/dip';
import { getService } from '../services/get-service';

/**
 * GraphQL reads of the DIP (the plugin's types are off in shadow CRUD): the current established
 * edition and the list of established ones. Nothing from a draft edition is reachable here.
 */
export function registerDipGraphql(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const dip = () => getService(strapi, 'dip');
  // The public shape: no entry keys (internal documentIds), the signer's NIP masked.
  const present = (row: any) => (row ? dip().presentPublic(row) : null);

  graphql.service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.objectType({
        name: 'PpidDipRow',
        description: 'Satu baris Daftar Informasi Publik (kolom Perki 1/2021)',
        definition(t: any) {
          t.nonNull.string('nomor', { resolve: (e: any) => formatCell(e, 'nomor') });
          t.nonNull.string('ringkasan');
          t.nonNull.string('pejabatUnit');
          t.nonNull.string('penanggungJawab');
          t.nonNull.string('waktuTempat', { resolve: (e: any) => formatCell(e, 'waktuTempat') });
          t.nonNull.string('bentuk', { resolve: (e: any) => formatCell(e, 'bentuk') });
          t.nonNull.string('retensi', { resolve: (e: any) => formatCell(e, 'retensi') });
          t.nonNull.string('klasifikasi', { resolve: (e: any) => formatCell(e, 'klasifikasi') });
          t.string('tautan');
        },
      }),
      nexus.objectType({
        name: 'PpidDipEdition',
        description: 'Edisi DIP yang ditetapkan dengan Surat Keputusan',
        definition(t: any) {
          t.nonNull.string('documentId');
          t.nonNull.string('title');
          t.nonNull.int('year');
          t.nonNull.string('instansi');
          t.string('decreeNumber');
          t.string('decreeDate');
          t.string('previousEdition');
          t.string('signerNama', { resolve: (e: any) => e.signer?.nama ?? null });
          t.string('signerNip', { resolve: (e: any) => e.signer?.nip ?? null });
          t.string('signerJabatan', { resolve: (e: any) => e.signer?.jabatan ?? null });
          t.string('verificationUrl', { resolve: (e: any) => e.signer?.verificationUrl ?? null });
          t.nonNull.list.nonNull.field('entries', { type: 'PpidDipRow', resolve: (e: any) => e.entries ?? [] });
        },
      }),
      nexus.objectType({
        name: 'PpidExcludedInformation',
        description: 'Satu baris Daftar Informasi yang Dikecualikan (tanpa isi informasi)',
        definition(t: any) {
          t.nonNull.int('nomor');
          t.nonNull.string('uraian');
          t.nonNull.string('cakupan');
          t.string('unit');
          t.string('hurufPasal17');
          t.string('dasarHukum');
          t.string('masaPengecualianBerakhir');
          t.nonNull.string('jangkaWaktu');
          t.string('nomorKeputusan');
          t.string('tanggalKeputusan');
          t.nonNull.string('status');
          t.string('dasarPembukaan');
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          t.nonNull.list.nonNull.field('excludedInformationRegister', {
            type: 'PpidExcludedInformation',
            resolve: async () => getService(strapi, 'classification').register(),
          });
          t.field('dipCurrent', {
            type: 'PpidDipEdition',
            resolve: async () => present(await dip().lastEstablished()),
          });
          t.nonNull.list.nonNull.field('dipEditions', {
            type: 'PpidDipEdition',
            resolve: async () => {
              const rows = await dip().list({ established: true });
              const out: any[] = [];
              for (const r of rows) out.push(present(await dip().get(r.documentId, { established: true })));
              return out;
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Query.dipCurrent': { auth: false },
      'Query.dipEditions': { auth: false },
      'Query.excludedInformationRegister': { auth: false },
    },
  }));
}
