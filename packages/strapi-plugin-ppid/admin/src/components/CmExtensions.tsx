import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getFetchClient } from '@strapi/strapi/admin';
import { STATUS_LABELS, isGovernedType } from '../utils/api';
import { useT } from './Shared';

export function useGovernedType(uid?: string) {
  const [governed, setGoverned] = React.useState<boolean | null>(null);
  React.useEffect(() => {
    let live = true;
    if (uid) isGovernedType(uid).then((g) => live && setGoverned(g));
    return () => {
      live = false;
    };
  }, [uid]);
  return governed;
}

/**
 * Wraps the Content Manager's own publish action: for SOP-governed types it stays visible but
 * disabled, and says where publishing happens (the last step of the SOP, in the side panel).
 */
export function governPublishAction(Original: any) {
  const Governed = (props: any) => {
    const base = Original(props);
    const governed = useGovernedType(props.model);
    const t = useT();
    if (!base || !governed) return base;
    return {
      ...base,
      disabled: true,
      label: t('publish.viaSop', 'Terbitkan melalui SOP'),
    };
  };
  Governed.type = Original.type;
  Governed.position = Original.position;
  return Governed;
}

/* List view column: the SOP step of each row, fetched in one request per page of rows. */
type Step = { step: number | null; role: string | null; roleLabel: string | null; status: string };
const pending = new Map<string, Set<string>>();
const cache = new Map<string, Promise<Step | null>>();
const waiters = new Map<string, (s: Step | null) => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function flush() {
  timer = null;
  for (const [uid, ids] of pending) {
    pending.delete(uid);
    const list = [...ids];
    getFetchClient()
      .get(`/ppid/items/${encodeURIComponent(uid)}/steps`, { params: { documentIds: list.join(',') } })
      .then((r: any) => {
        const items = r.data?.data?.items ?? {};
        for (const id of list) waiters.get(`${uid}:${id}`)?.(items[id] ?? null);
      })
      .catch(() => {
        for (const id of list) {
          waiters.get(`${uid}:${id}`)?.(null);
          cache.delete(`${uid}:${id}`);
        }
      });
  }
}

function stepOf(uid: string, documentId: string): Promise<Step | null> {
  const key = `${uid}:${documentId}`;
  if (!cache.has(key)) {
    cache.set(key, new Promise((resolve) => waiters.set(key, resolve)));
    if (!pending.has(uid)) pending.set(uid, new Set());
    pending.get(uid)!.add(documentId);
    if (!timer) timer = setTimeout(flush, 30);
    // A fresh answer next time the list is shown.
    setTimeout(() => cache.delete(key), 15000);
  }
  return cache.get(key)!;
}

const StepCell = ({ uid, documentId }: { uid: string; documentId: string }) => {
  const [step, setStep] = React.useState<Step | null | undefined>(undefined);
  React.useEffect(() => {
    let live = true;
    stepOf(uid, documentId).then((s) => live && setStep(s));
    return () => {
      live = false;
    };
  }, [uid, documentId]);
  if (step === undefined) return <Typography textColor="neutral500">…</Typography>;
  if (!step) return <Typography textColor="neutral500">—</Typography>;
  if (step.status === 'published') return <Typography textColor="success600" data-testid="ppid-step-cell">Terbit</Typography>;
  if (step.status === 'cancelled') return <Typography textColor="neutral600" data-testid="ppid-step-cell">{STATUS_LABELS.cancelled}</Typography>;
  return (
    <Typography textColor={step.status === 'returned' ? 'danger600' : 'neutral800'} data-testid="ppid-step-cell">
      {`Langkah ${step.step} · ${step.roleLabel ?? step.role ?? ''}`}
    </Typography>
  );
};

const knownGoverned = new Map<string, boolean>();
const currentListUid = () => {
  const m = window.location.pathname.match(/content-manager\/collection-types\/([^/?]+)/);
  return m ? decodeURIComponent(m[1]) : null;
};

/**
 * Before any list shows: whether each content type is governed, asked for as the Content
 * Manager builds its menu, so the list's step column is added only where an SOP governs.
 */
export const prefetchGovernedTypes = (args: any) => {
  for (const link of args?.ctLinks ?? []) {
    const uid = typeof link?.uid === 'string' ? link.uid : null;
    if (uid && uid.startsWith('api::') && !knownGoverned.has(uid)) isGovernedType(uid).then((g) => knownGoverned.set(uid, g));
  }
  return args;
};

/** An enumeration value in a list cell: its label (translations/enums.ts), not `setiap_saat`. */
const EnumCell = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (value === null || value === undefined || value === '') return <Typography textColor="neutral800">-</Typography>;
  const raw = String(value);
  return <Typography textColor="neutral800">{formatMessage({ id: raw, defaultMessage: raw })}</Typography>;
};

const labelEnumerations = (headers: any[]) =>
  headers.map((h) =>
    h?.attribute?.type === 'enumeration' && typeof h.cellFormatter !== 'function'
      ? { ...h, cellFormatter: (row: any) => <EnumCell value={row?.[String(h.name).split('.')[0]]} /> }
      : h
  );

export const injectStepColumn = ({ displayedHeaders: headers, layout }: any) => {
  const displayedHeaders = labelEnumerations(headers ?? []);
  const uid = currentListUid();
  if (!uid || !uid.startsWith('api::')) return { displayedHeaders, layout };
  if (!knownGoverned.has(uid)) {
    isGovernedType(uid).then((g) => knownGoverned.set(uid, g));
  } else if (!knownGoverned.get(uid)) {
    return { displayedHeaders, layout };
  }
  return {
    displayedHeaders: [
      ...displayedHeaders,
      {
        attribute: { type: 'string' },
        label: { id: 'ppid.list.column', defaultMessage: 'Langkah SOP' },
        searchable: false,
        sortable: false,
        name: 'ppid_step',
        cellFormatter: (row: any, _header: any, { model }: any) => <StepCell uid={model ?? uid} documentId={row.documentId} />,
      },
    ],
    layout,
  };
};
