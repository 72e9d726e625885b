// Small inline SVG charts (no chart library). Each chart has a <title>/<desc> and is always
// shown next to a table holding the same numbers, which is what screen readers should use.
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

export type Series = { key: string; name: string; color: string };
export type BarGroup = { label: string; values: Record<string, number | null>; marker?: number | null; alert?: boolean };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

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
  const labelW = 190;
  const width = 620;
  const barH = 14;
  const gap = 3;
  const groupPad = 12;
  const plotW = width - labelW - 60;
  const max = Math.max(1, ...groups.flatMap((g) => [...Object.values(g.values).map((v) => v ?? 0), g.marker ?? 0]));
  const groupH = series.length * (barH + gap) - gap;
  const height = groups.length * (groupH + groupPad) + 28;
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <Box data-testid={testId}>
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width, display: 'block' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description ?? title}</desc>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={x(max * f)} x2={x(max * f)} y1={0} y2={height - 22} stroke="#EAEAEF" />
            <text x={x(max * f)} y={height - 8} fontSize="10" textAnchor="middle" fill="#666687">
              {fmt(max * f)}
              {f === 1 && unit ? ` ${unit}` : ''}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const top = gi * (groupH + groupPad) + 4;
          return (
            <g key={g.label + gi} data-testid="ppid-chart-group">
              <text x={labelW - 8} y={top + groupH / 2 + 4} fontSize="11" textAnchor="end" fill={g.alert ? '#D02B20' : '#32324D'} fontWeight={g.alert ? 'bold' : 'normal'}>
                {g.label.length > 30 ? `${g.label.slice(0, 29)}…` : g.label}
              </text>
              {series.map((s, si) => {
                const v = g.values[s.key];
                const y = top + si * (barH + gap);
                return (
                  <g key={s.key}>
                    <rect x={labelW} y={y} width={Math.max(v ? 1 : 0, x(v ?? 0) - labelW)} height={barH} fill={s.color} rx={2}>
                      <title>{`${g.label} — ${s.name}: ${v === null || v === undefined ? '—' : fmt(v)}${unit ? ` ${unit}` : ''}`}</title>
                    </rect>
                    <text x={x(v ?? 0) + 4} y={y + barH - 3} fontSize="10" fill="#4A4A6A">
                      {v === null || v === undefined ? '—' : fmt(v)}
                    </text>
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
