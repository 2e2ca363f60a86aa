// Reading one page: what is staged, what is quarantined, and what makes the whole page refused.
import { describe, expect, it } from 'vitest';
import type { Staff } from '../../src-shared/domain/records';
import { readFeedPage, segmentRows } from './feed-page';
import type { StagedPage } from './feed-page';
import type { OpenAnswer } from './records-client';

const officer: Staff = {
  id: 'stf-1',
  username: 'j.doe',
  displayName: 'J Doe',
  role: 'officer',
  active: true,
};
const change = (seq: number, data: unknown = { ...officer, id: `stf-${seq}` }, extra: object = {}) =>
  JSON.stringify({
    type: 'change',
    seq,
    entity: 'staff',
    op: 'upsert',
    id: `stf-${seq}`,
    version: 1,
    data,
    ...extra,
  });
const checkpoint = (seq: number) =>
  JSON.stringify({ type: 'checkpoint', seq, upToDate: true, headSeq: seq, expectedTotal: null });

function answer(text: string, chunk = 7): OpenAnswer {
  const bytes = Buffer.from(text);
  return {
    status: 200,
    headers: {},
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    },
    discard: () => undefined,
  };
}

/** The staged upserts' seqs and rows, in feed order. */
function upserts(page: StagedPage): [number, unknown[]][] {
  return page.segments.flatMap((segment) =>
    segment.op === 'upsert'
      ? segmentRows(segment).map((row): [number, unknown[]] => [row[0] as number, row.slice(1)])
      : [],
  );
}

describe('readFeedPage', () => {
  it('stages valid changes in order and ends at the checkpoint', async () => {
    const page = await readFeedPage(answer([change(11), change(12), checkpoint(12)].join('\n') + '\n'), 10);
    // Rows in the cache's column order: id, username, display_name, role, active (0/1), version.
    expect(upserts(page)).toEqual([
      [11, ['stf-11', 'j.doe', 'J Doe', 'officer', 1, 1]],
      [12, ['stf-12', 'j.doe', 'J Doe', 'officer', 1, 1]],
    ]);
    expect(page).toMatchObject({ after: 10, lines: 2, skipped: 0, quarantined: [] });
  });

  it('quarantines, with the reason, a change whose record or envelope fails its schema', async () => {
    const lines = [
      change(11, { ...officer, id: 'stf-11', role: 'warden' }),
      change(12, { ...officer, id: 'stf-other' }),
      JSON.stringify({
        type: 'change',
        seq: 13,
        entity: 'parole',
        op: 'upsert',
        id: 'x',
        version: 1,
        data: {},
      }),
      change(14),
      checkpoint(14),
    ];
    const page = await readFeedPage(answer(lines.join('\n') + '\n'), 10);
    expect(upserts(page).map(([seq]) => seq)).toEqual([14]);
    expect(page.quarantined.map((line) => [line.feedSeq, line.recordId, line.reason])).toEqual([
      [11, 'stf-11', expect.stringMatching(/^the staff record fails its schema: role: /)],
      [12, 'stf-12', 'the record\'s id "stf-other" is not the change\'s id'],
      [13, 'x', expect.stringMatching(/^not a valid change line: entity: /)],
    ]);
    expect(page.quarantined[0]!.line).toBe(lines[0]);
  });

  it('skips what it has already had: lines at or below the cursor, and repeats', async () => {
    const page = await readFeedPage(
      answer([change(9), change(11), change(11), change(12), checkpoint(12)].join('\n') + '\n'),
      10,
    );
    expect(upserts(page).map(([seq]) => seq)).toEqual([11, 12]);
    expect(page).toMatchObject({ lines: 4, skipped: 2 });
  });

  it.each([
    ['a cut-off last line', [change(11), checkpoint(11).slice(0, 20)].join('\n'), /last line was cut short/],
    [
      'a line that is not JSON',
      [change(11), '{"type":', checkpoint(11)].join('\n') + '\n',
      /line 2 is not valid JSON/,
    ],
    ['no checkpoint', change(11) + '\n', /ended without its checkpoint/],
    [
      'a change out of seq order',
      [change(11), change(13), change(12), checkpoint(13)].join('\n') + '\n',
      /line 3 goes back to seq 12 after seq 13/,
    ],
    [
      'a line after the checkpoint',
      [checkpoint(11), change(12)].join('\n') + '\n',
      /line 2 follows the checkpoint/,
    ],
    [
      'a damaged checkpoint',
      [change(11), '{"type":"checkpoint","seq":-1}'].join('\n') + '\n',
      /checkpoint is not valid/,
    ],
  ])('refuses the whole page on %s', async (_case, text, reason) => {
    await expect(readFeedPage(answer(text), 10)).rejects.toMatchObject({
      code: 'BAD_PAGE',
      message: expect.stringMatching(reason),
    });
  });
});
