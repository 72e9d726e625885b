import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { Alert, Box, Field, SingleSelect, SingleSelectOption, Textarea, TextInput } from '@strapi/design-system';
import { errorMessage, errorStatus } from '../utils/api';

// Small pieces the request and objection forms share: the plugin permissions the user holds, and
// the server's answer to a write laid out where a person looks for it (a 400's field errors next
// to their fields, a 409 or anything else above the form).

/** Whether the admin holds a plugin permission (`requests.enter` → plugin::ppid.requests.enter). */
export function useHeld(): (uid: string) => boolean {
  const held = useAuth('PpidRequests', (s) => s.permissions) ?? [];
  return (uid: string) => held.some((h: any) => h.action === `plugin::ppid.${uid}`);
}

export type FormProblem = { status: number | null; message: string; fields: Record<string, string> };

/** The server's refusal: field errors by path ("applicant.email", "redactions.0.part"), the message, the status. */
export function problemOf(e: any): FormProblem {
  const details = e?.response?.data?.error?.details;
  const fields: Record<string, string> = {};
  for (const err of Array.isArray(details?.errors) ? details.errors : []) {
    const path = Array.isArray(err.path) ? err.path.join('.') : String(err.path ?? '');
    if (!fields[path]) fields[path] = String(err.message ?? '');
  }
  return { status: errorStatus(e), message: errorMessage(e), fields };
}

/** Above a form: a 409 says it conflicts, a 400 that fields need fixing, anything else as the server wrote it. */
export const ProblemBanner = ({ problem, testId }: { problem: FormProblem | null; testId: string }) => {
  if (!problem) return null;
  const title = problem.status === 409 ? 'Tidak dapat disimpan (409)' : problem.status === 400 ? 'Periksa isian (400)' : `Gagal${problem.status ? ` (${problem.status})` : ''}`;
  return (
    <Box paddingBottom={4}>
      <Alert variant="danger" title={title} closeLabel="Tutup" onClose={() => {}} data-testid={testId} data-status={problem.status ?? ''}>
        {problem.message}
      </Alert>
    </Box>
  );
};

type Common = { name: string; label: string; hint?: string; required?: boolean; error?: string; testId: string };

export const TextField = ({ name, label, hint, required, error, testId, value, onChange, type = 'text', multiline }: Common & { value: string; onChange: (v: string) => void; type?: string; multiline?: boolean }) => (
  <Field.Root name={name} required={required} hint={hint} error={error} width="100%">
    <Field.Label>{label}</Field.Label>
    {multiline ? (
      <Textarea name={name} value={value} onChange={(e: any) => onChange(e.target.value)} data-testid={testId} />
    ) : (
      <TextInput name={name} type={type} value={value} onChange={(e: any) => onChange(e.target.value)} data-testid={testId} />
    )}
    <Field.Error />
    <Field.Hint />
  </Field.Root>
);

export const SelectField = ({ name, label, hint, required, error, testId, value, onChange, options }: Common & { value: string; onChange: (v: string) => void; options: [string, string][] }) => (
  <Field.Root name={name} required={required} hint={hint} error={error} width="100%">
    <Field.Label>{label}</Field.Label>
    {/* The select's own props do not reach the DOM: the test id sits on a box around it. */}
    <Box data-testid={testId}>
      <SingleSelect value={value} onChange={(v: any) => onChange(String(v))} placeholder="Pilih…">
        {options.map(([v, l]) => (
          <SingleSelectOption key={v} value={v}>
            {l}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
    <Field.Error />
    <Field.Hint />
  </Field.Root>
);
