import type { Schema, Struct } from '@strapi/strapi';

export interface PpidPengumumanSertaMerta extends Struct.ComponentSchema {
  collectionName: 'components_ppid_pengumuman_serta_merta';
  info: {
    description: 'Delapan unsur pengumuman informasi serta merta (Perki 1/2021)';
    displayName: 'Pengumuman Serta Merta';
    icon: 'bell';
  };
  attributes: {
    bahayaDanDampak: Schema.Attribute.Text;
    caraMemperolehBantuan: Schema.Attribute.Text;
    caraMenghindariBahaya: Schema.Attribute.Text;
    caraPengumumanDarurat: Schema.Attribute.Text;
    pihakTerdampak: Schema.Attribute.Text;
    pihakYangWajibMengumumkan: Schema.Attribute.Text;
    prosedurDanTempatEvakuasi: Schema.Attribute.Text;
    upayaYangDilakukan: Schema.Attribute.Text;
  };
}

export interface PpidRetensi extends Struct.ComponentSchema {
  collectionName: 'components_ppid_retensi';
  info: {
    description: 'Jangka waktu penyimpanan atau retensi arsip (UU 43/2009)';
    displayName: 'Retensi Arsip';
    icon: 'archive';
  };
  attributes: {
    activeYears: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 100;
          min: 0;
        },
        number
      > &
      Schema.Attribute.DefaultTo<2>;
    disposition: Schema.Attribute.Enumeration<
      ['musnah', 'permanen', 'dinilai_kembali']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'dinilai_kembali'>;
    inactiveYears: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 100;
          min: 0;
        },
        number
      > &
      Schema.Attribute.DefaultTo<5>;
    note: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface PpidWaktuTempat extends Struct.ComponentSchema {
  collectionName: 'components_ppid_waktu_tempat';
  info: {
    description: 'Waktu dan tempat pembuatan informasi';
    displayName: 'Waktu dan Tempat Pembuatan';
    icon: 'calendar';
  };
  attributes: {
    date: Schema.Attribute.Date;
    period: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    place: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'ppid.pengumuman-serta-merta': PpidPengumumanSertaMerta;
      'ppid.retensi': PpidRetensi;
      'ppid.waktu-tempat': PpidWaktuTempat;
    }
  }
}
