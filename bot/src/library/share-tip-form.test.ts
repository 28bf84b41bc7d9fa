import { BODY_MAX_LENGTH, ValidationFailed } from '@peerloop/core';
import { fieldProblems } from './share-tip';
import { commaList, shareTipCard, WHOLE_PROGRAM } from './share-tip-form';
import { previewTimeFor } from './results';

const inputs = (card: { body: object[] }) =>
  Object.fromEntries(
    JSON.parse(JSON.stringify(card.body))
      .filter((item: { id?: string }) => item.id)
      .map((item: { id: string }) => [item.id, item]),
  );

const choices = {
  programs: [{ id: 'p1', name: 'Admin Community' }],
  cohorts: [{ id: 'c1', name: 'New Admins Circle', programName: 'Admin Community' }],
};

describe('the "Share a tip" task module', () => {
  it('prefills the tip, picks the only program, and offers the whole program or one of my cohorts', () => {
    const fields = inputs(shareTipCard(choices, { body: 'Use Get-Help -Examples' }));
    expect(fields.body).toMatchObject({ type: 'Input.Text', isMultiline: true, isRequired: true });
    expect(fields.body.value).toBe('Use Get-Help -Examples');
    expect(fields.programId).toMatchObject({ value: 'p1', choices: [{ title: 'Admin Community', value: 'p1' }] });
    expect(fields.cohortId).toMatchObject({
      value: WHOLE_PROGRAM,
      choices: [
        { title: 'Everyone in the program', value: WHOLE_PROGRAM },
        { title: 'New Admins Circle (Admin Community)', value: 'c1' },
      ],
    });
    expect(fields.title).toMatchObject({ isRequired: true, value: '', maxLength: 200 });
    expect(Object.keys(fields)).toEqual(['programId', 'cohortId', 'title', 'body', 'tags', 'skills']);
  });

  it('leaves the program to pick when there are several', () => {
    const two = { ...choices, programs: [...choices.programs, { id: 'p2', name: 'Cloud' }] };
    expect(inputs(shareTipCard(two)).programId.value).toBe('');
  });

  it('shortens a message longer than a tip may be, and says so', () => {
    const card = shareTipCard(choices, { body: 'x'.repeat(BODY_MAX_LENGTH + 5) });
    expect(inputs(card).body.value).toHaveLength(BODY_MAX_LENGTH);
    expect(JSON.stringify(card)).toContain('so it was shortened');
  });

  it('shown again, names the problem at the top and keeps what was typed', () => {
    const card = shareTipCard(choices, { title: 'Tip', body: 'Text', tags: 'a, b', cohortId: 'c1' }, 'Title: bad.');
    expect(card.body[0]).toMatchObject({
      type: 'RichTextBlock',
      inlines: [{ text: 'Title: bad.', color: 'Attention' }],
    });
    expect(inputs(card)).toMatchObject({
      title: { value: 'Tip' },
      body: { value: 'Text' },
      tags: { value: 'a, b' },
      cohortId: { value: 'c1' },
    });
  });

  it('reads tags and skills typed with commas', () => {
    expect(commaList(' PowerShell, automation ,, scripting\n')).toEqual(['PowerShell', 'automation', 'scripting']);
    expect(commaList(undefined)).toEqual([]);
  });

  it('names each field as the form labels it', () => {
    const error = new ValidationFailed([
      { path: 'title', message: 'must not be empty' },
      { path: 'tags.2', message: 'must be at most 40 characters' },
    ]);
    expect(fieldProblems(error)).toBe('Title: must not be empty. Tags: must be at most 40 characters.');
  });
});

describe('preview times', () => {
  it("read in the searcher's time zone when Teams gives one, and say UTC otherwise", () => {
    const iso = '2026-12-01T12:30:00.000Z';
    expect(previewTimeFor({ localTimezone: 'Asia/Tokyo', locale: 'en-GB' })(iso)).toContain('21:30');
    expect(previewTimeFor({})(iso)).toMatch(/12:30.*UTC/);
    expect(previewTimeFor({ localTimezone: 'Not/AZone', locale: 'en-GB' })(iso)).toMatch(/12:30.*UTC/);
  });
});
