import { distributedTestSettings, startTestApp, type TestApp } from '@helpdesk/testing';
import { ReleaseTicketDirectory } from '../src/consumers/release-ticket-directory';
import { addDays } from '../src/domain/calendar-date';
import { releasesService } from '../src/releases.service';
import { agent, runDay, seedTicket } from './release-desk';

/**
 * Two agents schedule one ticket's fix into two releases at the same moment, through two
 * instances of the releases service on one PostgreSQL event store (as two replicas would).
 */
describe('scheduling a fix is exclusive per ticket under concurrency', () => {
  const start = runDay();
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    const settings = { ...(await distributedTestSettings('releases_race')), RELEASE_TRAIN_START: start };
    one = await startTestApp(releasesService, settings);
    two = await startTestApp(releasesService, settings);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  let planned = 0;
  const plan = async () => {
    const body = { version: `7.${++planned}.0`, plannedDate: addDays(start, 100 + planned) };
    return (await one.as(agent).post('/releases').send(body).expect(201)).body as { id: string };
  };
  const release = async (id: string) => (await one.as(agent).get(`/releases/${id}`).expect(200)).body;

  it('lets exactly one release win; the other gets a clear 409 and carries nothing', async () => {
    const directory = one.app.get(ReleaseTicketDirectory);
    for (let round = 0; round < 5; round++) {
      const ticket = await seedTicket(directory);
      const [first, second] = [await plan(), await plan()];
      const before = await Promise.all([release(first.id), release(second.id)]);
      const answers = await Promise.all([
        one.as(agent).post(`/releases/${first.id}/fixes`).send({ ticketId: ticket.id }),
        two.as(agent).post(`/releases/${second.id}/fixes`).send({ ticketId: ticket.id }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const lost = answers.find((a) => a.status === 409)!;
      const [winner, loser] = lost === answers[1] ? [first, second] : [second, first];
      const winnerVersion = (await release(winner.id)).version;
      expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(lost.body).toMatchObject({
        status: 409,
        type: expect.stringContaining('fix-in-other-release'),
        detail: expect.stringContaining(`already scheduled in release ${winnerVersion}`),
        releaseId: winner.id,
      });
      const after = await Promise.all([release(winner.id), release(loser.id)]);
      expect(after[0].fixes.map((f: { ticketId: string }) => f.ticketId)).toEqual([ticket.id]);
      expect(after[1].fixes).toEqual([]);
      // Nothing written to the losing release: its revision is the one it had.
      const loserBefore = before[winner === first ? 1 : 0];
      expect(after[1].revision).toBe(loserBefore.revision);
    }
  }, 60000);

  it('moves the fix to another release once it was taken out of the first', async () => {
    const ticket = await seedTicket(one.app.get(ReleaseTicketDirectory));
    const [first, second] = [await plan(), await plan()];
    await one.as(agent).post(`/releases/${first.id}/fixes`).send({ ticketId: ticket.id }).expect(200);
    await two.as(agent).post(`/releases/${second.id}/fixes`).send({ ticketId: ticket.id }).expect(409);
    await one
      .as(agent)
      .delete(`/releases/${first.id}/fixes/${ticket.id}`)
      .send({ reason: 'Not ready' })
      .expect(200);
    await two.as(agent).post(`/releases/${second.id}/fixes`).send({ ticketId: ticket.id }).expect(200);
    expect((await release(second.id)).fixes.map((f: { ticketId: string }) => f.ticketId)).toEqual([
      ticket.id,
    ]);
  });
});
