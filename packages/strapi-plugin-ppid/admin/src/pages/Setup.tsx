import * as React from 'react';
import { Link } from 'react-router-dom';
import { Layouts, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Grid, LinkButton, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Loading, ServerError, useGet, useT } from '../components/Shared';
import { errorMessage } from '../utils/api';

/**
 * Persiapan: the first-run checklist of the body's administrator (GET /ppid/setup/checklist,
 * core/setup.ts on the server). Each item is done / missing / to check, says what exactly is
 * missing and links to where it is fixed; the top box lists what is still missing before the
 * first item can be published. The body's time zone and kop (letterhead) are edited here too.
 */

type Problem = { code: string; severity: 'missing' | 'warning'; params: Record<string, any>; href?: string; item?: string };
type Item = { key: string; status: 'done' | 'missing' | 'warning'; summary: Record<string, any>; problems: Problem[]; href: string | null; setting: string | null };
type Checklist = { ready: boolean; items: Item[]; missing: Problem[]; counts: { done: number; missing: number; warning: number } };

const TITLES: Record<string, string> = {
  kop: 'Kop naskah dinas',
  timeZone: 'Zona waktu dan kalender kerja',
  units: 'Unit kerja',
  officials: 'Pejabat dan NIP',
  roleMappings: 'Pemetaan peran SOP',
  bindings: 'Pengikatan SOP ke tipe konten',
  signingKey: 'Kunci tanda tangan elektronik',
  publicUrl: 'Alamat publik (PUBLIC_URL)',
};

const DONE: Record<string, string> = {
  kop: '{nama}, tempat penandatanganan {tempat}.',
  timeZone: 'Zona waktu {timeZone} diatur.',
  units: '{count} unit kerja terdaftar.',
  officials: '{count} pejabat aktif dengan NIP sah.',
  roleMappings: 'Semua {roles} peran dari {sops} SOP yang berlaku sudah dipetakan ke pengguna.',
  bindings: 'Setiap tipe konten yang diatur ({types}) terikat pada SOP dengan satu SOP bawaan.',
  signingKey: 'Kunci {keyId} tersedia.',
  publicUrl: 'Kode QR dan tautan verifikasi menuju {url}.',
};

const PROBLEMS: Record<string, string> = {
  'kop.field': 'Kop belum memuat {field, select, nama {nama badan publik} pemerintah {nama pemerintah daerah induk} alamat {alamat kantor} tempat {tempat penandatanganan (mis. Samarinda)} other {{field}}}.',
  'kop.logo': 'Kop belum memiliki logo daerah.',
  'kop.fromConfig': 'Kop masih diambil dari konfigurasi server; simpan kop di bawah agar dapat diubah dari panel.',
  'timeZone.default': 'Zona waktu bawaan {timeZone} dipakai. Bila badan publik berada di WITA atau WIT, pilih zona waktunya di bawah; unit kerja di zona lain mengisi Zona waktu pada datanya.',
  'units.none': 'Belum ada unit kerja. Tambahkan badan publik dan unitnya (mis. Kecamatan Palaran).',
  'officials.none': 'Belum ada pejabat. Tambahkan pejabat dengan nama, NIP 18 digit, jabatan dan akun admin-nya.',
  'officials.invalidNip': 'NIP {nama} ({nip}) tidak sah.',
  'officials.noUser': '{nama} belum terhubung ke akun admin, sehingga tidak dapat bertindak.',
  'officials.userWithoutOfficial': 'Pengguna {user} (peran {role}) bertindak dalam SOP tetapi belum tercatat sebagai pejabat dengan NIP.',
  'roleMappings.unmapped': 'Peran "{role}" pada SOP "{sop}" belum dipetakan ke peran admin.',
  'roleMappings.noUser': 'Peran "{role}" pada SOP "{sop}"{unit, select, none {} other { untuk {unit}}} dipetakan ke peran admin "{adminRole}", tetapi peran itu belum memiliki pengguna aktif.',
  'roleMappings.unmappedMany': 'Peran "{role}" pada SOP "{sop}" belum dipetakan ke peran admin.',
  'roleMappings.unitUncovered': 'Peran "{role}" pada SOP "{sop}" belum dipetakan untuk {unit}.',
  'bindings.unbound': 'Tipe konten "{type}" belum diikat ke SOP mana pun.',
  'bindings.noDefault': 'Tipe konten "{type}" belum memiliki tepat satu SOP bawaan.',
  'bindings.unknownSop': 'Tipe konten "{type}" diikat ke SOP "{sopCode}" yang tidak ada.',
  'signingKey.absent': 'Kunci tanda tangan belum tersedia: paraf dan tanda tangan tidak dapat dicatat.',
  'publicUrl.required': 'PUBLIC_URL belum diatur: di produksi dokumen dengan kode QR (formulir persetujuan, SK, DIP) tidak dicetak.',
  'publicUrl.unset': 'PUBLIC_URL belum diatur; wajib di produksi agar kode QR menuju alamat publik, bukan alamat server ini.',
};

const SETTING_HELP: Record<string, string> = {
  PPID_CALENDAR: 'Jam kerja dan hari libur: atur di berkas .env PPID_CALENDAR=/jalur/kalender.json, lalu mulai ulang server. Jam kerja dihitung menurut jam setempat setiap unit.',
  PPID_SIGNING_KEY: 'Sediakan kunci di keys/active.pem atau atur PPID_SIGNING_KEY di berkas .env (lihat README), lalu mulai ulang server.',
  PUBLIC_URL: 'Atur di berkas .env: PUBLIC_URL=https://ppid.nama-daerah.go.id, lalu mulai ulang server.',
};

const WHERE: Record<string, string> = {
  kop: 'Isi kop di bawah',
  timeZone: 'Pilih zona waktu di bawah',
  units: 'Buka daftar Unit Kerja',
  officials: 'Buka daftar Pejabat',
  roleMappings: 'Buka halaman SOP',
  bindings: 'Buka halaman SOP',
};

const STATUS: Record<Item['status'], { id: string; label: string; color: string; bg: string }> = {
  done: { id: 'setup.status.done', label: 'Selesai', color: 'success700', bg: 'success100' },
  missing: { id: 'setup.status.missing', label: 'Belum', color: 'danger700', bg: 'danger100' },
  warning: { id: 'setup.status.warning', label: 'Perlu diperiksa', color: 'warning700', bg: 'warning100' },
};

// Links to a box further down this page (the kop, the time zone) scroll to it.
const SECTION = '/plugins/ppid/setup#';

const useProblemText = () => {
  const t = useT();
  return (p: Problem) => t(`setup.problem.${p.code}`, PROBLEMS[p.code] ?? p.code, { ...p.params, unit: p.params.unit ?? 'none' });
};

/** A link to where a thing is fixed: an admin page, or a form further down this page. */
const FixLink = ({ href, label }: { href: string; label: string }) =>
  href.startsWith(SECTION) ? (
    <Button size="S" variant="tertiary" onClick={() => document.getElementById(href.slice(SECTION.length))?.scrollIntoView({ behavior: 'smooth' })}>
      {label}
    </Button>
  ) : (
    <Link to={href} data-testid="ppid-setup-fix">
      {label}
    </Link>
  );

const StatusBadge = ({ status }: { status: Item['status'] }) => {
  const t = useT();
  const s = STATUS[status];
  return (
    <Badge textColor={s.color} backgroundColor={s.bg} data-testid="ppid-setup-status">
      {t(s.id, s.label)}
    </Badge>
  );
};

const ItemCard = ({ item }: { item: Item }) => {
  const t = useT();
  const text = useProblemText();
  return (
    <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius data-testid={`ppid-setup-item-${item.key}`} data-status={item.status}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={3}>
        <Typography variant="delta" tag="h3">
          {t(`setup.item.${item.key}`, TITLES[item.key] ?? item.key)}
        </Typography>
        <StatusBadge status={item.status} />
      </Flex>
      <Box paddingTop={2}>
        {item.status === 'done' ? (
          <Typography tag="p" textColor="neutral700">
            {t(`setup.done.${item.key}`, DONE[item.key] ?? '', item.summary)}
          </Typography>
        ) : (
          <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
            {item.problems.map((p, i) => (
              <li key={i}>
                <Typography textColor={p.severity === 'missing' ? 'danger700' : 'neutral800'}>{text(p)}</Typography>
                {p.href && p.href !== item.href ? (
                  <>
                    {' '}
                    <FixLink href={p.href} label={t('setup.fix', 'Perbaiki')} />
                  </>
                ) : null}
              </li>
            ))}
          </Box>
        )}
      </Box>
      {item.status !== 'done' ? (
        <Box paddingTop={3}>
          {item.href ? <FixLink href={item.href} label={t(`setup.where.${item.key}`, WHERE[item.key] ?? item.href)} /> : null}
          {item.setting ? (
            <Typography tag="p" variant="pi" textColor="neutral600">
              {t(`setup.setting.${item.setting}`, SETTING_HELP[item.setting] ?? item.setting)}
            </Typography>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};

/** The summary reads one line per SOP for its unmapped roles ("Camat, Sekretaris, Staf"). */
function grouped(missing: Problem[]): Problem[] {
  const out: Problem[] = [];
  for (const p of missing) {
    const prev = out[out.length - 1];
    if (p.code === 'roleMappings.unmapped' && prev && prev.code.startsWith('roleMappings.unmapped') && prev.params.sopCode === p.params.sopCode) {
      out[out.length - 1] = { ...prev, code: 'roleMappings.unmappedMany', params: { ...prev.params, role: `${prev.params.role}", "${p.params.role}` } };
    } else out.push(p);
  }
  return out;
}

const Summary = ({ c }: { c: Checklist }) => {
  const t = useT();
  const text = useProblemText();
  if (c.ready) {
    return (
      <Box background="success100" borderColor="success200" padding={5} hasRadius marginBottom={5} data-testid="ppid-setup-summary" data-ready="true">
        <Typography variant="delta" tag="h2" textColor="success700">
          {t('setup.ready', 'Siap: semua yang wajib sudah tersedia. Informasi pertama dapat dijalankan sampai terbit.')}
        </Typography>
        {c.counts.warning ? (
          <Typography tag="p" textColor="neutral700">
            {t('setup.readyWarnings', '{count, plural, other {# hal}} masih perlu diperiksa di bawah.', { count: c.counts.warning })}
          </Typography>
        ) : null}
      </Box>
    );
  }
  const lines = grouped(c.missing);
  return (
    <Box background="danger100" borderColor="danger200" padding={5} hasRadius marginBottom={5} data-testid="ppid-setup-summary" data-ready="false">
      <Typography variant="delta" tag="h2" textColor="danger700">
        {t('setup.missingTitle', 'Yang masih kurang sebelum informasi pertama dapat diterbitkan ({count})', { count: lines.length })}
      </Typography>
      <Box tag="ol" paddingTop={2} paddingLeft={5} style={{ listStyle: 'decimal' }}>
        {lines.map((p, i) => (
          <li key={i} data-testid="ppid-setup-missing">
            <Typography>
              <strong>{t(`setup.item.${p.item}`, TITLES[p.item!] ?? p.item!)}:</strong> {text(p)}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
};

const KOP_FIELDS: { name: string; label: string; hint?: string; required?: boolean }[] = [
  { name: 'pemerintah', label: 'Pemerintah daerah induk', hint: 'mis. Pemerintah Kota Samarinda', required: true },
  { name: 'nama', label: 'Nama badan publik', hint: 'mis. Kecamatan Palaran', required: true },
  { name: 'alamat', label: 'Alamat kantor', required: true },
  { name: 'tempat', label: 'Tempat penandatanganan', hint: 'kota pada baris tempat dan tanggal, mis. Samarinda', required: true },
  { name: 'telepon', label: 'Telepon' },
  { name: 'email', label: 'Pos-el' },
  { name: 'website', label: 'Laman' },
  { name: 'logoPath', label: 'Berkas logo (PNG/JPEG, di dalam folder aplikasi)', hint: 'mis. public/logo-daerah.png' },
];

const KopForm = ({ onSaved }: { onSaved: () => void }) => {
  const t = useT();
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const kop = useGet<any>('/ppid/settings/kop');
  const [values, setValues] = React.useState<Record<string, string>>({});
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    if (!kop.data?.body) return;
    setValues(Object.fromEntries(KOP_FIELDS.map((f) => [f.name, kop.data.body[f.name] != null ? String(kop.data.body[f.name]) : ''])));
  }, [kop.data]);
  const save = async () => {
    setBusy(true);
    try {
      const body: Record<string, unknown> = {};
      for (const f of KOP_FIELDS) if (values[f.name]?.trim()) body[f.name] = values[f.name].trim();
      if (kop.data?.body?.logoFile && !body.logoPath) body.logoFile = kop.data.body.logoFile;
      await put('/ppid/settings/kop', body);
      toggleNotification({ type: 'success', message: t('setup.kop.saved', 'Kop disimpan') });
      kop.refetch();
      onSaved();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box id="kop" background="neutral0" padding={5} shadow="filterShadow" hasRadius marginTop={5} data-testid="ppid-setup-kop">
      <Typography variant="delta" tag="h2">{t('setup.kop.title', 'Kop naskah dinas badan publik')}</Typography>
      <Typography tag="p" textColor="neutral600">
        {t('setup.kop.help', 'Dipakai pada setiap dokumen cetak (formulir persetujuan, dokumen SOP, SK, DIP) sesuai tata naskah dinas.')}
      </Typography>
      {kop.error ? <ServerError message={kop.error} /> : null}
      <Grid.Root gap={4} paddingTop={4}>
        {KOP_FIELDS.map((f) => (
          <Grid.Item key={f.name} col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name={f.name} required={f.required} hint={f.hint ? t(`setup.kop.hint.${f.name}`, f.hint) : undefined} width="100%">
              <Field.Label>{t(`setup.kop.field.${f.name}`, f.label)}</Field.Label>
              <TextInput value={values[f.name] ?? ''} onChange={(e: any) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
              <Field.Hint />
            </Field.Root>
          </Grid.Item>
        ))}
      </Grid.Root>
      <Box paddingTop={4}>
        <Button onClick={save} loading={busy} data-testid="ppid-setup-kop-save">
          {t('setup.kop.save', 'Simpan kop')}
        </Button>
      </Box>
    </Box>
  );
};

const ZONES: { value: string; label: string }[] = [
  { value: 'Asia/Jakarta', label: 'WIB — Waktu Indonesia Barat (UTC+7)' },
  { value: 'Asia/Makassar', label: 'WITA — Waktu Indonesia Tengah (UTC+8)' },
  { value: 'Asia/Jayapura', label: 'WIT — Waktu Indonesia Timur (UTC+9)' },
];

/**
 * The body's time zone (GET/PUT /ppid/settings/time-zone): deadlines are counted in local
 * working hours and documents and notices print the zone. A unit in another zone sets its own
 * "Zona waktu" in Unit Kerja; the units that do are listed.
 */
const ZoneForm = ({ onSaved }: { onSaved: () => void }) => {
  const t = useT();
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const zone = useGet<any>('/ppid/settings/time-zone');
  const [value, setValue] = React.useState<string>('');
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    if (zone.data?.timeZone) setValue(zone.data.timeZone);
  }, [zone.data]);
  const save = async () => {
    setBusy(true);
    try {
      await put('/ppid/settings/time-zone', { timeZone: value });
      toggleNotification({ type: 'success', message: t('setup.zone.saved', 'Zona waktu disimpan') });
      zone.refetch();
      onSaved();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const units: any[] = zone.data?.units ?? [];
  return (
    <Box id="zona-waktu" background="neutral0" padding={5} shadow="filterShadow" hasRadius marginTop={5} data-testid="ppid-setup-zone">
      <Typography variant="delta" tag="h2">{t('setup.zone.title', 'Zona waktu badan publik')}</Typography>
      <Typography tag="p" textColor="neutral600">
        {t('setup.zone.help', 'Tenggat dihitung pada jam kerja setempat; dokumen cetak dan pemberitahuan mencantumkan zona waktunya (WIB, WITA atau WIT). Unit kerja di zona lain mengisi Zona waktu pada data Unit Kerja.')}
      </Typography>
      {zone.error ? <ServerError message={zone.error} /> : null}
      <Flex gap={4} alignItems="flex-end" paddingTop={4} wrap="wrap">
        <Box style={{ minWidth: 320 }}>
          <Field.Root name="timeZone" required>
            <Field.Label>{t('setup.zone.field', 'Zona waktu')}</Field.Label>
            <SingleSelect value={value} onChange={(v: any) => setValue(String(v))} data-testid="ppid-setup-zone-select">
              {ZONES.map((z) => (
                <SingleSelectOption key={z.value} value={z.value}>
                  {t(`setup.zone.option.${z.value}`, z.label)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Button onClick={save} loading={busy} disabled={!value} data-testid="ppid-setup-zone-save">
          {t('setup.zone.save', 'Simpan zona waktu')}
        </Button>
      </Flex>
      {units.length ? (
        <Box paddingTop={3}>
          <Typography variant="pi" textColor="neutral700">
            {t('setup.zone.units', 'Unit dengan zona waktu sendiri: {list}', { list: units.map((u) => `${u.name} (${u.abbreviation})`).join(', ') })}
          </Typography>
        </Box>
      ) : null}
    </Box>
  );
};

export const SetupPage = () => {
  const t = useT();
  const c = useGet<Checklist>('/ppid/setup/checklist');
  return (
    <>
      <Layouts.Header
        title={t('setup.title', 'Persiapan')}
        subtitle={t('setup.subtitle', 'Daftar periksa pertama: yang harus disiapkan sebelum informasi pertama dapat diterbitkan')}
      />
      <Layouts.Content>
        {c.error ? <ServerError message={c.error} /> : null}
        {c.loading && !c.data ? <Loading /> : null}
        {c.data ? (
          <>
            <Summary c={c.data} />
            <Grid.Root gap={4}>
              {c.data.items.map((item) => (
                <Grid.Item key={item.key} col={6} s={12} direction="column" alignItems="stretch">
                  <ItemCard item={item} />
                </Grid.Item>
              ))}
            </Grid.Root>
            <ZoneForm onSaved={c.refetch} />
            <KopForm onSaved={c.refetch} />
          </>
        ) : null}
      </Layouts.Content>
    </>
  );
};

/** The home page widget: how many items are missing, and the way to the checklist. */
export const SetupWidget = () => {
  const t = useT();
  const c = useGet<Checklist>('/ppid/setup/checklist');
  if (c.error) return <Typography textColor="danger700">{c.error}</Typography>;
  if (!c.data) return <Loading />;
  return (
    <Flex direction="column" alignItems="flex-start" gap={3} data-testid="ppid-setup-widget">
      <Typography tag="p">
        {c.data.ready
          ? t('setup.widget.ready', 'Semua yang wajib sudah tersedia.')
          : t('setup.widget.missing', '{count, plural, other {# hal}} masih kurang sebelum informasi pertama dapat diterbitkan.', { count: grouped(c.data.missing).length })}
      </Typography>
      <Flex gap={2} wrap="wrap">
        {c.data.items.map((i) => (
          <Flex key={i.key} gap={1} alignItems="center">
            <StatusBadge status={i.status} />
            <Typography variant="pi">{t(`setup.item.${i.key}`, TITLES[i.key] ?? i.key)}</Typography>
          </Flex>
        ))}
      </Flex>
      <LinkButton tag={Link as any} to="/plugins/ppid/setup" variant="secondary" size="S">
        {t('setup.widget.open', 'Buka daftar persiapan')}
      </LinkButton>
    </Flex>
  );
};
