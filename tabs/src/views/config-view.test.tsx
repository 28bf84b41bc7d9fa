/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import '../test-support/jsdom-gaps';
import type { Host } from '../platform/api-context';
import type { TabConfig, TeamsContext } from '../platform/teams';
import { aCohort, aSession, FakePeerLoopApi } from '../test-support/fake-api';
import { renderSignedIn } from '../test-support/render';
import { ConfigView, TabConfiguration, channelOf } from './config-view';

const TEAM = { internalId: '19:team@thread.skype', groupId: '0f6b5c2a-7d1e-4f3a-9b8c-2d4e6f8a0b1c', displayName: 'IT' };
const CHANNEL = { id: '19:admins@thread.tacv2', displayName: 'New admins' };

function teams(context: Partial<TeamsContext>): Host {
  return {
    kind: 'teams',
    context: {
      app: {},
      page: { id: 'p', frameContext: 'settings' },
      user: { id: 'u-grace' },
      ...context,
    } as TeamsContext,
  };
}

/** Stands in for Teams' configuration page: keeps what the view registers, and saves as Teams would. */
class FakeConfigPage {
  current: () => TabConfig | null = () => null;
  beforeSave: () => Promise<void> = () => Promise.resolve();
  validity: boolean[] = [];
  readonly register = (current: () => TabConfig | null, beforeSave: () => Promise<void> = async () => undefined) => {
    this.current = current;
    this.beforeSave = beforeSave;
    return (valid: boolean) => this.validity.push(valid);
  };
  /** What Save does: the view's work first, then the configuration. */
  async save(): Promise<TabConfig | null> {
    await this.beforeSave();
    return this.current();
  }
}

function withProgramAndCohort() {
  const api = new FakePeerLoopApi();
  api.cohorts = [aCohort({ id: 'c-1', name: 'New admins circle' }), aCohort({ id: 'c-2', programId: 'p-other' })];
  return api;
}

async function choose(label: string, name: string | RegExp) {
  const option = (await screen.findByRole('option', { name })) as HTMLOptionElement;
  fireEvent.change(screen.getByLabelText(label), { target: { value: option.value } });
}

describe('the configuration page', () => {
  it('binds a channel tab to a cohort and records the channel on the cohort when Teams saves', async () => {
    const api = withProgramAndCohort();
    api.answerNext('PUT /api/cohorts/c-1/channel', { status: 200, body: {} });
    const page = new FakeConfigPage();
    renderSignedIn(
      <TabConfiguration register={page.register} />,
      api,
      'u-grace',
      teams({ team: TEAM, channel: CHANNEL }),
    );

    await choose('Program', 'Engineering circles');
    await choose('Cohort', 'New admins circle');
    expect(screen.queryByRole('option', { name: 'New managers circle' })).toBeNull(); // another program's
    await waitFor(() => expect(page.validity.at(-1)).toBe(true));

    const saved = await page.save();
    expect(saved).toEqual({
      contentUrl: 'http://localhost/index.html?view=channel&programId=p-eng&cohortId=c-1',
      entityId: 'cohort-c-1',
      suggestedDisplayName: 'PeerLoop',
    });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/cohorts/c-1/channel',
      body: { teamId: TEAM.groupId, channelId: CHANNEL.id, channelName: 'New admins' },
    });
  });

  it('still saves the tab for someone who does not run the cohort, and stops on any other failure', async () => {
    const api = withProgramAndCohort();
    const page = new FakeConfigPage();
    renderSignedIn(
      <TabConfiguration register={page.register} />,
      api,
      'u-grace',
      teams({ team: TEAM, channel: CHANNEL }),
    );
    await choose('Program', 'Engineering circles');
    await choose('Cohort', 'New admins circle');

    api.answerNext('PUT /api/cohorts/c-1/channel', {
      status: 403,
      body: { error: { code: 'forbidden', message: 'only a facilitator can link it to a channel' } },
    });
    expect((await page.save())?.entityId).toBe('cohort-c-1');

    api.failNextRequestTo('/api/cohorts/c-1/channel');
    await expect(page.save()).rejects.toThrow();
  });

  it('records nothing for a whole-program tab', async () => {
    const api = withProgramAndCohort();
    const page = new FakeConfigPage();
    renderSignedIn(
      <TabConfiguration register={page.register} />,
      api,
      'u-grace',
      teams({ team: TEAM, channel: CHANNEL }),
    );
    await choose('Program', 'Engineering circles');
    await screen.findByRole('option', { name: 'The whole program' });

    expect((await page.save())?.contentUrl).toBe('http://localhost/index.html?view=channel&programId=p-eng');
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('in a meeting, offers the sessions of the cohorts the reader facilitates and binds the chosen one', async () => {
    const api = new FakePeerLoopApi();
    api.programs = api.programs.map((p) => ({ ...p, canManage: false }));
    api.cohorts = [
      aCohort({ id: 'c-1', facilitators: [{ userId: 'u-grace', displayName: 'Grace Hopper' }] }),
      aCohort({ id: 'c-2', facilitators: [{ userId: 'u-ada', displayName: 'Ada Lovelace' }] }),
    ];
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const end = new Date(Date.now() + 90_000_000).toISOString();
    api.sessions = [
      aSession({ id: 's-mine', title: 'My lunch', cohortId: 'c-1', startsAt: soon, endsAt: end }),
      aSession({ id: 's-other', title: 'Ada’s lunch', cohortId: 'c-2', startsAt: soon, endsAt: end }),
    ];
    api.answerNext('PUT /api/sessions/s-mine/meeting', { status: 200, body: api.sessions[0] });
    const page = new FakeConfigPage();
    const meeting = teams({ meeting: { id: 'm-1' }, chat: { id: '19:meeting@thread.v2' } });
    renderSignedIn(<TabConfiguration register={page.register} />, api, 'u-grace', meeting);

    await choose('Session held in this meeting', /^My lunch \(/);
    expect(screen.queryByRole('option', { name: /Ada’s lunch/ })).toBeNull();
    expect(screen.queryByLabelText('Cohort')).toBeNull();
    expect((await page.save())?.entityId).toBe('session-s-mine');
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/sessions/s-mine/meeting',
      body: { chatId: '19:meeting@thread.v2' },
    });
  });

  it('reads the team and channel from the Teams context, only in a channel', () => {
    expect(channelOf({ team: TEAM, channel: CHANNEL, page: { frameContext: 'settings' } } as TeamsContext)).toEqual({
      teamId: TEAM.groupId,
      channelId: CHANNEL.id,
      channelName: 'New admins',
    });
    expect(
      channelOf({ team: { internalId: TEAM.internalId }, channel: { id: CHANNEL.id }, page: {} } as TeamsContext),
    ).toEqual({ teamId: TEAM.internalId, channelId: CHANNEL.id });
    expect(channelOf({ chat: { id: 'c' }, page: {} } as TeamsContext)).toBeUndefined();
    expect(channelOf(null)).toBeUndefined();
  });

  it('in a browser, shows what Teams would save', async () => {
    const api = withProgramAndCohort();
    renderSignedIn(<ConfigView />, api);
    await choose('Program', 'Engineering circles');
    await choose('Cohort', 'New admins circle');
    expect(await screen.findByText(/record the channel as the home of New admins circle/)).toBeTruthy();
  });
});
