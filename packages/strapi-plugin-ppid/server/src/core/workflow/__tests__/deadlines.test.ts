// The engine with a working-calendar deadline function, as the adapter passes it.
import { computeDeadline, DEFAULT_CALENDAR } from '../../calendar';
import { decide, standardFor, startRun, type DeadlineOf, type SopDefinition } from '..';
import { actorFor, loadSeed } from './fixtures';

const oneHour = (sop: SopDefinition): SopDefinition => ({
  ...sop,
  steps: sop.steps.map((s) => ({ ...s, standard: { amount: 1, unit: 'hour' as const } })),
});

const onCalendar: DeadlineOf = (step, startedAt, fastTrack) =>
  computeDeadline(startedAt, standardFor(step, fastTrack), DEFAULT_CALENDAR);

// Friday 9 January 2026, 16:30 WIB (closing time on Fridays).
const FRIDAY_1630 = new Date('2026-01-09T09:30:00.000Z');
const MONDAY_0830 = '2026-01-12T01:30:00.000Z';

describe('engine deadlines on the working calendar', () => {
  const sop = oneHour(loadSeed('palaran'));

  it('a step started Friday 16:30 WIB with a 1-hour standard falls due Monday 08:30', () => {
    const { run, effects } = startRun(sop, FRIDAY_1630, { id: 'u1' }, { deadlineOf: onCalendar });
    expect(run.steps[0].dueAt).toBe(MONDAY_0830);
    expect(effects[0]).toMatchObject({ type: 'notify', dueAt: MONDAY_0830 });
  });

  it('without a deadline function the plain duration is kept (Friday 17:30)', () => {
    const { run } = startRun(sop, FRIDAY_1630, { id: 'u1' });
    expect(run.steps[0].dueAt).toBe('2026-01-09T10:30:00.000Z');
  });

  it('decide uses it for the next step and a return starts the correction step\'s own clock', () => {
    const { run } = startRun(sop, new Date('2026-01-08T02:00:00.000Z'), { id: 'u1' }, { deadlineOf: onCalendar });
    const firstStart = run.steps[0].firstStartedAt;
    const s1 = decide(sop, run, actorFor(sop.steps[0].role), 'approve', {}, FRIDAY_1630, { deadlineOf: onCalendar });
    if (!s1.ok) throw new Error(s1.message);
    expect(s1.run.steps[1].dueAt).toBe(MONDAY_0830);
    const s2 = decide(sop, s1.run, actorFor(sop.steps[1].role), 'submit', { contentHash: 'h1' }, FRIDAY_1630, { deadlineOf: onCalendar });
    if (!s2.ok) throw new Error(s2.message);
    // Step 3 sends the work back on Monday 10:00 WIB: step 2 gets a fresh hour from then.
    const monday10 = new Date('2026-01-12T03:00:00.000Z');
    const back = decide(sop, s2.run, actorFor(sop.steps[2].role), 'return', { comment: 'Perbaiki judul' }, monday10, { deadlineOf: onCalendar });
    if (!back.ok) throw new Error(back.message);
    const corrected = back.run.steps[1];
    expect(corrected.startedAt).toBe(monday10.toISOString());
    expect(corrected.firstStartedAt).toBe(FRIDAY_1630.toISOString());
    expect(corrected.dueAt).toBe('2026-01-12T04:00:00.000Z');
    expect(back.run.steps[0].firstStartedAt).toBe(firstStart);
  });
});
