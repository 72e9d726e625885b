import { isIsoDate, objectionStanding, validateDisputeFiling, validateDisputeOutcome, validateObjectionAnswer } from '..';

const paths = (r: { ok: boolean; errors?: { path: string }[] }) => (r.ok ? [] : r.errors!.map((e) => e.path));

describe('validateObjectionAnswer (Pasal 36 ayat 2)', () => {
  it('accepts a confirmation with reasons, an overturn with what follows (reasons allowed)', () => {
    expect(validateObjectionAnswer({ decision: 'menguatkan', reasons: ' Informasi dikecualikan Pasal 17 huruf h ' })).toEqual({
      ok: true,
      value: { decision: 'menguatkan', reasons: 'Informasi dikecualikan Pasal 17 huruf h', followUp: null },
    });
    expect(validateObjectionAnswer({ decision: 'membatalkan', followUp: 'Salinan diberikan dalam 3 hari kerja', reasons: 'Tidak ada dasar pengecualian' })).toEqual({
      ok: true,
      value: { decision: 'membatalkan', reasons: 'Tidak ada dasar pengecualian', followUp: 'Salinan diberikan dalam 3 hari kerja' },
    });
  });

  it('names each bad field', () => {
    expect(paths(validateObjectionAnswer({}))).toEqual(['decision']);
    expect(paths(validateObjectionAnswer({ decision: 'menolak' }))).toEqual(['decision']);
    // Confirming needs reasons (Pasal 36 ayat 2); blank counts as missing.
    expect(paths(validateObjectionAnswer({ decision: 'menguatkan' }))).toEqual(['reasons']);
    expect(paths(validateObjectionAnswer({ decision: 'menguatkan', reasons: '   ' }))).toEqual(['reasons']);
    expect(paths(validateObjectionAnswer({ decision: 'membatalkan' }))).toEqual(['followUp']);
    expect(paths(validateObjectionAnswer({ decision: 'menguatkan', reasons: 7 }))).toEqual(['reasons']);
    expect(paths(validateObjectionAnswer({ decision: 'menguatkan', reasons: 'x'.repeat(5001) }))).toEqual(['reasons']);
    expect(paths(validateObjectionAnswer({ decision: 'menguatkan', reasons: 'x', signer: 'Bupati' }))).toEqual(['signer']);
    expect(paths(validateObjectionAnswer(null))).toEqual(['']);
    expect(paths(validateObjectionAnswer([]))).toEqual(['']);
  });
});

describe('disputes before the Komisi Informasi (Pasal 37)', () => {
  const today = '2027-02-10';
  it('checks real dates, never in the future', () => {
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(validateDisputeFiling({ filedAt: '2027-02-01', registerNumber: ' 012/II/KI-KT-PS/2027 ' }, today)).toEqual({
      ok: true,
      value: { filedAt: '2027-02-01', registerNumber: '012/II/KI-KT-PS/2027' },
    });
    expect(paths(validateDisputeFiling({}, today))).toEqual(['filedAt', 'registerNumber']);
    expect(paths(validateDisputeFiling({ filedAt: '2027-02-11', registerNumber: 'x' }, today))).toEqual(['filedAt']);
    expect(paths(validateDisputeFiling({ filedAt: '01/02/2027', registerNumber: 'x' }, today))).toEqual(['filedAt']);
    expect(paths(validateDisputeFiling({ filedAt: '2027-02-01', registerNumber: 'x', putusan: 'y' }, today))).toEqual(['putusan']);
  });

  it('an outcome is putusan or mediasi, dated between the filing and today, with a summary', () => {
    expect(validateDisputeOutcome({ kind: 'mediasi', date: '2027-02-09', summary: ' Sepakat ' }, '2027-02-01', today)).toEqual({
      ok: true,
      value: { kind: 'mediasi', date: '2027-02-09', summary: 'Sepakat' },
    });
    expect(paths(validateDisputeOutcome({}, '2027-02-01', today))).toEqual(['kind', 'date', 'summary']);
    expect(paths(validateDisputeOutcome({ kind: 'banding', date: '2027-01-31', summary: 'x' }, '2027-02-01', today))).toEqual(['kind', 'date']);
    expect(paths(validateDisputeOutcome({ kind: 'putusan', date: '2027-03-01', summary: 'x' }, '2027-02-01', today))).toEqual(['date']);
  });
});

describe('objectionStanding', () => {
  const dueAt = new Date('2027-01-20T02:00:00Z');
  it('answered; past 30 working days without an answer (Komisi Informasi open); or in progress', () => {
    expect(objectionStanding({ answeredAt: new Date('2027-01-25T02:00:00Z'), dueAt }, new Date('2027-02-01T00:00:00Z'))).toMatchObject({ status: 'dijawab', mayGoToKomisi: true });
    expect(objectionStanding({ answeredAt: null, dueAt }, new Date('2027-01-20T02:00:01Z'))).toMatchObject({ status: 'tidak_dijawab', mayGoToKomisi: true });
    expect(objectionStanding({ answeredAt: null, dueAt }, dueAt)).toEqual({ status: 'diproses', mayGoToKomisi: false });
  });
});
