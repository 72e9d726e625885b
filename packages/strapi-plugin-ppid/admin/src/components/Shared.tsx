import * as React from 'react';
import { Alert, Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { CAPACITY_LABELS, KIND_LABELS, errorMessage, formatWib } from '../utils/api';

/**
 * The plugin's translator, the one every page and panel uses: t(id, default, values) reads
 * `ppid.<id>` from the translations (Bahasa Indonesia first); `t.en` is true when the admin
 * reads English (for texts that carry both languages).
 */
export function useT() {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, d: string, v?: Record<string, any>) => formatMessage({ id: `ppid.${id}`, defaultMessage: d }, v);
  return Object.assign(t, { en: locale.startsWith('en') });
}

/** GET a PPID route with Strapi's fetch client (admin JWT, token refresh); the server's error message is kept as written. */
export function useGet<T = any>(url: string | null, params?: Record<string, unknown>) {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: T | null; meta?: any; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !!url,
  });
  const key = JSON.stringify([url, params]);
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!url) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get(url, { params })
      .then((r: any) => live && setState({ data: r.data?.data ?? r.data, meta: r.data?.meta, error: null, loading: false }))
      .catch((e: any) => live && setState({ data: null, error: errorMessage(e), loading: false }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return { ...state, refetch: () => setTick((t) => t + 1) };
}

export const ServerError = ({ message, title }: { message: string; title?: string }) => (
  <Box paddingBottom={4}>
    <Alert variant="danger" title={title ?? 'Server'} closeLabel="Tutup" onClose={() => {}} data-testid="ppid-server-error">
      {message}
    </Alert>
  </Box>
);

export const Loading = () => (
  <Flex justifyContent="center" padding={6}>
    <Loader small>Memuat…</Loader>
  </Flex>
);

const KIND_VARIANT: Record<string, string> = {
  paraf: 'secondary',
  tanda_tangan: 'success',
  return: 'danger',
  cancel: 'danger',
  publish: 'success',
  unpublish: 'warning',
};

/** One signature record: kind, signer nama + jabatan + capacity, note, time in WIB. */
export const RecordEntry = ({ record, stepLabel }: { record: any; stepLabel?: string }) => {
  const cap = CAPACITY_LABELS[record.capacity] ?? '';
  const signer = record.signer ?? {};
  return (
    <Box paddingTop={2} paddingBottom={2} data-testid="ppid-record">
      <Flex gap={2} alignItems="center" wrap="wrap">
        <Badge active={KIND_VARIANT[record.kind] === 'success'} textColor={KIND_VARIANT[record.kind] === 'danger' ? 'danger600' : undefined}>
          {KIND_LABELS[record.kind] ?? record.kind}
        </Badge>
        {record.stepNumber ? (
          <Typography variant="pi" textColor="neutral600">
            {stepLabel ?? `Langkah ${record.stepNumber}`}
          </Typography>
        ) : null}
      </Flex>
      <Typography variant="omega" fontWeight="semiBold" tag="p">
        {signer.nama ?? '—'}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {[cap, signer.jabatan].filter(Boolean).join(' ')}
        {record.onBehalfOf ? ` (a.n. ${record.onBehalfOf.jabatan})` : ''}
      </Typography>
      {record.note ? (
        <Typography variant="pi" tag="p" textColor="neutral800">
          “{record.note}”
        </Typography>
      ) : null}
      <Typography variant="pi" textColor="neutral500" tag="p">
        {formatWib(record.signedAt)}
      </Typography>
    </Box>
  );
};

/** Why the engine refused an act, in words (its `details.reason`), for the panel and bulk acts alike. */
const REFUSALS: Record<string, [string, string]> = {
  wrong_role: ['bulk.why.wrongRole', 'Langkah item ini bukan untuk Anda (lagi); mungkin sudah ditindaklanjuti.'],
  not_current_step: ['bulk.why.moved', 'Item ini sudah berpindah langkah.'],
  step_skipped: ['bulk.why.moved', 'Item ini sudah berpindah langkah.'],
  stale_version: ['bulk.why.stale', 'Alur kerja baru saja diubah orang lain; muat ulang lalu coba lagi.'],
  run_closed: ['bulk.why.closed', 'Alur kerja item ini sudah selesai atau dibatalkan.'],
  separation_of_duties: ['bulk.why.own', 'Anda menyusun item ini, sehingga tidak dapat menyetujuinya sendiri.'],
  content_changed: ['bulk.why.changed', 'Isi item berubah sejak diajukan; periksa kembali item ini.'],
  wrong_act: ['bulk.why.wrongAct', 'Langkah item ini tidak ditindaklanjuti dengan paraf atau tanda tangan.'],
  not_allowed_to_cancel: ['act.why.cancel', 'Hanya pengaju atau pelaksana langkah ini yang dapat membatalkan alur kerja.'],
  step_not_editable: ['act.why.locked', 'Isi tidak dapat diubah pada langkah ini; isi terkunci sampai dikembalikan ke langkah penyusunan.'],
  return_not_allowed: ['act.why.noReturn', 'Langkah ini tidak dapat mengembalikan pekerjaan.'],
  publish_not_last_step: ['act.why.notLast', 'Penerbitan hanya dilakukan pada langkah penerbitan SOP.'],
  already_acted: ['act.why.acted', 'Anda sudah memberi paraf pada langkah tim ini; setiap anggota bertindak sekali.'],
  already_published: ['act.why.published', 'Item sudah diterbitkan oleh alur kerja ini; alur kerja tidak dapat dibatalkan lagi.'],
  comment_required: ['act.why.comment', 'Pengembalian wajib disertai catatan tentang apa yang perlu diperbaiki.'],
  reason_required: ['act.why.reason', 'Pembatalan wajib disertai alasan.'],
};
export const refusalOf = (reason: unknown): [string, string] | undefined => (typeof reason === 'string' ? REFUSALS[reason] : undefined);

/** An act's error as the official reads it: the engine's reason in words, else the server's message. */
export function useActErrorText() {
  const t = useT();
  return (e: any): string => {
    const known = refusalOf(e?.response?.data?.error?.details?.reason);
    return known ? t(known[0], known[1]) : errorMessage(e);
  };
}
