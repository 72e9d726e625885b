// Small inline SVG charts (no chart library). Each chart has a <title>/<desc> and is always
// shown next to a table holding the same numbers, which is what screen readers should use.
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

export type Series = { key: string; name: string; color: string };
export type BarGroup = { label: string; values: Record<string, number | null>; marker?: number | null; alert?: boolean };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A round axis end and its ticks: 1-2-5 steps, whole numbers only. */
export function niceScale(max: number, count = 5): { max: number; ticks: number[] } {
  if (max <= 0) return { max: 1, ticks: [0, 1] };
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(v);
  return { max: top, ticks };
}

let seq = 0;
const useId = () => React.useMemo(() => `ppid-chart-${++seq}`, []);

/**
 * Horizontal grouped bars: one group per label, one bar per series, and an optional marker
 * (e.g. the time standard) drawn as a red vertical tick across the group.
 */
export const BarChart = ({
  title,
  description,
  series,
  groups,
  unit = '',
  markerName,
  testId,
}: {
  title: string;
  description?: string;
  series: Series[];
  groups: BarGroup[];
  unit?: string;
  markerName?: string;
  testId?: string;
}) => {
  const id = useId();
  const labelW = 230;
  const width = 700;
  const barH = 16;
  const gap = 3;
  const groupPad = 12;
  const plotW = width - labelW - 60;
  const scale = niceScale(Math.max(0, ...groups.flatMap((g) => [...Object.values(g.values).map((v) => v ?? 0), g.marker ?? 0])));
  const max = scale.max;
  const groupH = series.length * (barH + gap) - gap;
  const height = groups.length * (groupH + groupPad) + 30;
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <Box data-testid={testId}>
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width, display: 'block' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description ?? title}</desc>
        {scale.ticks.map((v, i) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={0} y2={height - 22} stroke="#EAEAEF" />
            <text x={x(v)} y={height - 6} fontSize="12" textAnchor="middle" fill="#666687">
              {fmt(v)}
              {i === scale.ticks.length - 1 && unit ? ` ${unit}` : ''}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const top = gi * (groupH + groupPad) + 4;
          return (
            <g key={g.label + gi} data-testid="ppid-chart-group">
              <text x={labelW - 8} y={top + groupH / 2 + 4} fontSize="13" textAnchor="end" fill={g.alert ? '#D02B20' : '#32324D'} fontWeight={g.alert ? 'bold' : 'normal'}>
                {g.label.length > 32 ? `${g.label.slice(0, 31)}…` : g.label}
                <title>{g.label}</title>
              </text>
              {series.map((s, si) => {
                const v = g.values[s.key];
                const y = top + si * (barH + gap);
                return (
                  <g key={s.key}>
                    <rect x={labelW} y={y} width={Math.max(v ? 1 : 0, x(v ?? 0) - labelW)} height={barH} fill={s.color} rx={2}>
                      <title>{`${g.label} — ${s.name}: ${v === null || v === undefined ? '—' : fmt(v)}${unit ? ` ${unit}` : ''}`}</title>
                    </rect>
                    {v ? (
                      <text x={x(v) + 4} y={y + barH - 4} fontSize="12" fill="#4A4A6A">
                        {fmt(v)}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              {g.marker !== null && g.marker !== undefined ? (
                <line x1={x(g.marker)} x2={x(g.marker)} y1={top - 3} y2={top + groupH + 3} stroke="#D02B20" strokeWidth={2} strokeDasharray="3 2">
                  <title>{`${markerName ?? ''}: ${fmt(g.marker)}${unit ? ` ${unit}` : ''}`}</title>
                </line>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Flex gap={4} paddingTop={1} wrap="wrap" aria-hidden>
        {series.map((s) => (
          <Flex key={s.key} gap={1} alignItems="center">
            <span style={{ width: 12, height: 12, background: s.color, display: 'inline-block', borderRadius: 2 }} />
            <Typography variant="pi">{s.name}</Typography>
          </Flex>
        ))}
        {markerName ? (
          <Flex gap={1} alignItems="center">
            <span style={{ width: 12, height: 0, borderTop: '2px dashed #D02B20', display: 'inline-block' }} />
            <Typography variant="pi">{markerName}</Typography>
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
};
