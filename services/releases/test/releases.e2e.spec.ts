import type { TestApp } from '@helpdesk/testing';
import { ReleaseTicketDirectory } from '../src/consumers/release-ticket-directory';
import { addDays } from '../src/domain/calendar-date';
import {
  adminA,
  adminB,
  agent,
  employeeA,
  runDay,
  type SeededTicket,
  seedTicket,
  seedTicketEvents,
  startReleases,
} from './release-desk';

const PROBLEM = /application\/problem\+json/;

describe('releases over HTTP (PostgreSQL event store, MongoDB read models)', () => {
  const start = runDay();
  let desk: TestApp;
  let directory: ReleaseTicketDirectory;
  beforeAll(async () => {
    desk = await startReleases('releases_http', start);
    directory = desk.app.get(ReleaseTicketDirectory);
  });
  afterAll(() => desk.close());

  /** Releases of this run: between its train start and a year later. */
  const listed = async (query: Record<string, string | number> = {}, who = agent) =>
    (
      await desk
        .as(who)
        .get('/releases')
        .query({ from: start, to: addDays(start, 365), ...query })
        .expect(200)
    ).body;
  let planned = 0;
  /** A release of its own; by default on a day between the trains that no other test uses. */
  const plan = async (plannedDate = addDays(start, 100 + planned)) => {
    const version = `4.${++planned}.0`;
    const { id } = (await desk.as(agent).post('/releases').send({ version, plannedDate }).expect(201)).body;
    return { id: id as string, version };
  };
  const schedule = (releaseId: string, ticket: SeededTicket, who = agent) =>
    desk.as(who).post(`/releases/${releaseId}/fixes`).send({ ticketId: ticket.id });
  const revisionOf = async (releaseId: string) =>
    (await desk.as(agent).get(`/releases/${releaseId}`).expect(200)).body.revision;

  it('plans the two-weekly trains from the configured start, readable by customers', async () => {
    const { items } = await listed({ to: addDays(start, 60) }, employeeA);
    expect(items).toEqual(
      [0, 14, 28, 42].map((days) => {
        const plannedDate = addDays(start, days);
        return expect.objectContaining({
          id: `train-${plannedDate}`,
          version: plannedDate.replace(/-/g, '.'),
          plannedDate,
          status: 'planned',
          postponed: false,
          fixCount: 0,
        });
      }),
    );
  });

  it('plans a release by hand (agents), with its location and version', async () => {
    const plannedDate = addDays(start, 3);
    const response = await desk
      .as(agent)
      .post('/releases')
      .send({ version: '4.2.0', plannedDate })
      .expect(201);
    expect(response.body).toMatchObject({ status: 'planned', revision: 0, events: ['ReleasePlanned'] });
    expect(response.headers.location).toBe(`/releases/${response.body.id}`);
    expect(response.headers.etag).toBe('"0"');
    const release = await desk.as(adminA).get(response.headers.location).expect(200);
    expect(release.headers.etag).toBe('"0"');
    expect(release.body).toMatchObject({
      id: response.body.id,
      version: '4.2.0',
      plannedDate,
      status: 'planned',
      fixes: [],
    });
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const plannedDate = addDays(start, 5);
    const refusals: Array<[object, number, RegExp]> = [
      [{ version: '4.3.0', plannedDate, extra: true }, 400, /property extra should not exist/],
      [{ version: 43, plannedDate }, 400, /version must be a string/],
      [{ version: '4.3.0', plannedDate: 'next tuesday' }, 400, /plannedDate must be a date like 2026-12-08/],
      [{ version: '4.3.0' }, 400, /plannedDate/],
      [
        { version: '4.3.0', plannedDate: '2030-02-30' },
        422,
        /must be a date like 2026-12-08, not "2030-02-30"/,
      ],
      [{ version: '4.3.0', plannedDate: '2020-01-07' }, 422, /2020-01-07 has already passed/],
      [{ version: 'four point three', plannedDate }, 422, /is not a release version/],
    ];
    for (const [body, status, detail] of refusals) {
      const response = await desk.as(agent).post('/releases').send(body).expect(status);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.detail).toMatch(detail);
    }
    expect((await listed({ from: plannedDate, to: plannedDate })).items).toEqual([]);
    await desk.as(agent).get('/releases').query({ state: 'sailing' }).expect(400);
    await desk.as(agent).get('/releases').query({ from: 'today' }).expect(400);
    await desk.as(agent).get('/releases').query({ colour: 'red' }).expect(400);
    expect(
      (await desk.as(agent).get('/releases').query({ cursor: 'not-ours' }).expect(422)).headers[
        'content-type'
      ],
    ).toMatch(PROBLEM);
  });

  it('answers 404 for unknown releases and tickets, and writes nothing', async () => {
    const ticket = await seedTicket(directory);
    const { id } = await plan();
    for (const call of [
      desk.as(agent).get('/releases/train-2031-01-07'),
      desk.as(agent).get('/releases/train-2031-01-07/notes'),
      desk.as(agent).post('/releases/train-2031-01-07/freeze'),
      desk.as(agent).post('/releases/train-2031-01-07/fixes').send({ ticketId: ticket.id }),
      desk.as(agent).post(`/releases/${id}/fixes`).send({ ticketId: '0b7e5d3c-1a2f-4e6d-8c9b-7a6f5e4d3c2b' }),
    ]) {
      const response = await call.expect(404);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    await desk.as(agent).post(`/releases/${id}/fixes`).send({ ticketId: 'HD-00042' }).expect(400);
    await desk
      .as(agent)
      .post(`/releases/${id}/fixes`)
      .send({ ticketId: ticket.id, title: 'mine' })
      .expect(400);
    expect(await revisionOf(id)).toBe(0);
  });

  it('lets only agents change releases: customers get 403 and nothing changes', async () => {
    const ticket = await seedTicket(directory);
    const { id } = await plan();
    await schedule(id, ticket).expect(200);
    for (const who of [adminA, employeeA]) {
      for (const call of [
        desk
          .as(who)
          .post('/releases')
          .send({ version: '9.9.9', plannedDate: addDays(start, 7) }),
        desk.as(who).post(`/releases/${id}/fixes`).send({ ticketId: ticket.id }),
        desk.as(who).delete(`/releases/${id}/fixes/${ticket.id}`),
        desk.as(who).post(`/releases/${id}/freeze`),
        desk.as(who).post(`/releases/${id}/ship`),
        desk
          .as(who)
          .post(`/releases/${id}/postpone`)
          .send({ plannedDate: addDays(start, 300), reason: 'Later.' }),
        desk.as(who).post(`/releases/${id}/cancel`).send({ reason: 'No.' }),
      ]) {
        const response = await call.expect(403);
        expect(response.headers['content-type']).toMatch(PROBLEM);
      }
    }
    expect(await revisionOf(id)).toBe(1);
    expect((await listed({ from: addDays(start, 7), to: addDays(start, 7) })).items).toEqual([]);
  });

  it('schedules fixes once, refuses a fix already in another release or a ticket not ready, takes fixes out', async () => {
    const ticket = await seedTicket(directory);
    const { id } = await plan();
    const first = await schedule(id, ticket).expect(200);
    expect(first.body).toMatchObject({ revision: 1, events: ['ReleaseFixScheduled'] });
    expect((await schedule(id, ticket).expect(200)).body).toMatchObject({ revision: 1, events: [] });
    expect((await desk.as(agent).get(`/releases/${id}`).expect(200)).body.fixes).toEqual([
      {
        ticketId: ticket.id,
        number: ticket.number,
        title: ticket.subject,
        kind: 'error',
        organisationId: 'org-a',
      },
    ]);

    // The tickets service tells the releases service where the fix went.
    const release = (await desk.as(agent).get(`/releases/${id}`)).body;
    await seedTicketEvents(
      directory,
      ticket.id,
      [
        {
          type: 'FixScheduled',
          data: {
            ticketId: ticket.id,
            by: 'releases',
            at: '2026-11-21T09:00:00.000Z',
            releaseId: id,
            version: release.version,
            plannedDate: release.plannedDate,
          },
        },
      ],
      2,
    );
    const other = await plan();
    const refused = await schedule(other.id, ticket).expect(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.detail).toBe(
      `The fix for ${ticket.number} is already scheduled in release ${release.version}: take it out of that release first.`,
    );
    const untriaged = await seedTicket(directory, { triaged: false });
    expect((await schedule(other.id, untriaged).expect(409)).body.detail).toMatch(
      /is new: only a triaged ticket/,
    );
    expect(await revisionOf(other.id)).toBe(0);

    const out = await desk
      .as(agent)
      .delete(`/releases/${id}/fixes/${ticket.id}`)
      .send({ reason: 'Fails the regression tests.' })
      .expect(200);
    expect(out.body).toMatchObject({ revision: 2, events: ['ReleaseFixUnscheduled'] });
    expect((await desk.as(agent).get(`/releases/${id}`)).body.fixes).toEqual([]);
    await desk.as(agent).delete(`/releases/${id}/fixes/${ticket.id}`).send({ reasons: 'typo' }).expect(400);
  });

  it('honours If-Match: a stale revision answers 412 and changes nothing', async () => {
    const ticket = await seedTicket(directory);
    const { id } = await plan();
    await schedule(id, ticket).set('If-Match', '"0"').expect(200);
    const stale = await desk.as(agent).post(`/releases/${id}/freeze`).set('If-Match', '"0"').expect(412);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    expect(stale.body.detail).toMatch(/no longer the current revision/);
    await desk.as(agent).post(`/releases/${id}/freeze`).set('If-Match', 'yesterday').expect(400);
    expect(await revisionOf(id)).toBe(1);
    const frozen = await desk.as(agent).post(`/releases/${id}/freeze`).set('If-Match', '"1"').expect(200);
    expect(frozen.headers.etag).toBe('"2"');
  });

  it('freezes (no new fixes, but one may leave), ships, and stays shipped', async () => {
    const [stays, leaves, late] = [
      await seedTicket(directory),
      await seedTicket(directory),
      await seedTicket(directory),
    ];
    const { id } = await plan();
    await schedule(id, stays).expect(200);
    await schedule(id, leaves).expect(200);
    await desk.as(agent).post(`/releases/${id}/ship`).expect(409);
    expect((await desk.as(agent).post(`/releases/${id}/freeze`).expect(200)).body.status).toBe('frozen');
    expect((await schedule(id, late).expect(409)).body.detail).toMatch(/is frozen and takes no new fixes/);
    await desk.as(agent).delete(`/releases/${id}/fixes/${leaves.id}`).expect(200);
    const shipped = await desk.as(agent).post(`/releases/${id}/ship`).expect(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', events: ['ReleaseShipped'] });
    const release = (await desk.as(agent).get(`/releases/${id}`)).body;
    expect(release.fixes.map((fix: { ticketId: string }) => fix.ticketId)).toEqual([stays.id]);
    expect(release.shippedAt).toEqual(expect.any(String));
    await desk
      .as(agent)
      .post(`/releases/${id}/postpone`)
      .send({ plannedDate: addDays(start, 400), reason: 'x' })
      .expect(409);
    await desk.as(agent).post(`/releases/${id}/cancel`).send({ reason: 'x' }).expect(409);
    const { items } = await listed({ state: 'shipped' });
    expect(items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('postpones to a later day only, and cancels with a reason', async () => {
    const plannedDate = addDays(start, 200);
    const { id } = await plan(plannedDate);
    const later = addDays(start, 203);
    await desk
      .as(agent)
      .post(`/releases/${id}/postpone`)
      .send({ plannedDate: addDays(start, 199), reason: 'Earlier?' })
      .expect(422);
    await desk.as(agent).post(`/releases/${id}/postpone`).send({ plannedDate: later }).expect(400);
    await desk
      .as(agent)
      .post(`/releases/${id}/postpone`)
      .send({ plannedDate: later, reason: 'App store review.' })
      .expect(200);
    expect((await desk.as(agent).get(`/releases/${id}`)).body).toMatchObject({
      plannedDate: later,
      postponedFrom: plannedDate,
      postponed: true,
      status: 'planned',
    });
    expect((await listed({ state: 'postponed' })).items).toEqual([
      expect.objectContaining({ id, plannedDate: later, postponedFrom: plannedDate }),
    ]);

    await desk.as(agent).post(`/releases/${id}/cancel`).send({}).expect(400);
    expect(
      (
        await desk
          .as(agent)
          .post(`/releases/${id}/cancel`)
          .send({ reason: 'Merged into the next train.' })
          .expect(200)
      ).body.status,
    ).toBe('cancelled');
    expect((await listed({ state: 'cancelled' })).items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await listed({ state: 'postponed' })).items).toEqual([]);
    const notes = await desk.as(agent).get(`/releases/${id}/notes`).expect(409);
    expect(notes.headers['content-type']).toMatch(PROBLEM);
  });

  it('writes release notes in Markdown, naming to a customer only their own tickets', async () => {
    const plannedDate = addDays(start, 250);
    const { id, version } = await plan(plannedDate);
    // Employee A reported errorA; the wish is a colleague's, of the same organisation.
    const errorA = await seedTicket(directory, { organisationId: 'org-a', reporterId: employeeA.id });
    const wishA = await seedTicket(directory, { organisationId: 'org-a', kind: 'wish' });
    const errorB = await seedTicket(directory, { organisationId: 'org-b', kind: 'outage' });
    for (const ticket of [errorA, wishA, errorB]) await schedule(id, ticket).expect(200);
    const notes = async (who = agent) => {
      const response = await desk.as(who).get(`/releases/${id}/notes`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/markdown/);
      return response.text;
    };
    const [first, second] = [errorA, errorB].sort(
      (a, b) => Number(a.number.slice(3)) - Number(b.number.slice(3)),
    );
    const line = (t: SeededTicket) => `- ${t.number} — ${t.subject}`;
    expect(await notes()).toBe(
      [
        `# Release ${version} — planned for ${plannedDate}`,
        '_What it delivers may still change._',
        ['## Fixes', line(first), line(second)].join('\n'),
        ['## New features', line(wishA)].join('\n'),
      ].join('\n\n') + '\n',
    );
    const forAdminA = await notes(adminA);
    expect(forAdminA).toContain(`## Fixes\n${line(errorA)}\n- and 1 more fix for other customers`);
    expect(forAdminA).toContain(`## New features\n${line(wishA)}`);
    expect(forAdminA).not.toContain(errorB.number);
    // An employee: only what they may see of the tickets service, their colleague's wish counted.
    const forA = await notes(employeeA);
    expect(forA).toContain(`## Fixes\n${line(errorA)}\n- and 1 more fix for other customers`);
    expect(forA).toContain('## New features\n- 1 new feature for other customers');
    expect(forA).not.toContain(wishA.number);
    expect(forA).not.toContain(errorB.number);
    const seenByA = (await desk.as(employeeA).get(`/releases/${id}`).expect(200)).body;
    expect(seenByA.fixes.map((fix: { ticketId: string }) => fix.ticketId)).toEqual([errorA.id]);
    expect(seenByA.otherFixes).toBe(2);
    expect(JSON.stringify(seenByA)).not.toContain(wishA.number);
    const forB = await notes(adminB);
    expect(forB).toContain(`## Fixes\n${line(errorB)}\n- and 1 more fix for other customers`);
    expect(forB).toContain('## New features\n- 1 new feature for other customers');
    expect(forB).not.toContain(errorA.number);

    // The release itself, to a customer: their own fixes by name, the others counted.
    const seenByB = (await desk.as(adminB).get(`/releases/${id}`).expect(200)).body;
    expect(seenByB.fixes.map((fix: { ticketId: string }) => fix.ticketId)).toEqual([errorB.id]);
    expect(seenByB.otherFixes).toBe(2);
  });

  it('pages through the list by planned date with a cursor', async () => {
    const from = addDays(start, 500);
    const ids = [];
    for (const offset of [2, 0, 1]) ids[offset] = (await plan(addDays(from, offset))).id;
    const range = { from, to: addDays(from, 2), limit: 2 };
    const first = await listed(range);
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([ids[0], ids[1]]);
    const second = await listed({ ...range, cursor: first.nextCursor });
    expect(second.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect(second.nextCursor).toBeNull();
    expect(
      (await listed({ from: addDays(from, 1), to: addDays(from, 1) })).items.map((r: { id: string }) => r.id),
    ).toEqual([ids[1]]);
  });
});
