import { distributedTestSettings, seedOrganisations, startTestApp, type TestApp } from '@helpdesk/testing';
import { Pool } from 'pg';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';
import { agent, organisations, reporter } from './people';

// Personal data a customer wrote into free text: it must leave no readable copy once redacted.
const PATIENT = 'Piet Jansen';
const OUTSIDER = 'piet.jansen@thuis.example';

describe('redacting free text over HTTP (PostgreSQL event store)', () => {
  let desk: TestApp;
  let events: Pool;
  beforeAll(async () => {
    const settings = await distributedTestSettings('tickets_redaction');
    desk = await startTestApp(ticketsService, settings);
    await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, organisations);
    events = new Pool({ connectionString: settings.PG_URL, max: 1 });
  });
  afterAll(async () => {
    await events?.end();
    await desk?.close();
  });

  /** Every stored event's data as text: what a copy of the events table shows. */
  const storedText = async (ticketId: string) =>
    (
      await events.query<{ data: string }>('select data::text as data from events where stream_id = $1', [
        `ticket-${ticketId}`,
      ])
    ).rows
      .map((r) => r.data)
      .join('\n');

  it('stores texts and outside addresses sealed, shows them in clear, and [redacted] after redaction', async () => {
    const { id } = (
      await desk
        .as(reporter)
        .post('/tickets')
        .send({ kind: 'error', subject: 'Login fails', description: `My colleague ${PATIENT} cannot log in` })
        .expect(201)
    ).body;
    await desk
      .as(reporter)
      .post(`/tickets/${id}/comments`)
      .send({ body: `${PATIENT} again, BSN 123456782`, visibility: 'public' })
      .expect(200);
    await desk.as(agent).post(`/tickets/${id}/participants`).send({ email: OUTSIDER }).expect(200);

    const stored = await storedText(id);
    expect(stored).toContain('"pii": 1');
    expect(stored).not.toContain(PATIENT);
    expect(stored).not.toContain(OUTSIDER);
    const view = (await desk.as(agent).get(`/tickets/${id}`).expect(200)).body;
    expect(view.description).toContain(PATIENT);
    expect(view.participants).toEqual([{ email: OUTSIDER }]);
    const [comment] = view.comments;
    expect(comment.body).toContain('BSN');

    // A customer may not redact; a reason is required and named as the field.
    await desk
      .as(reporter)
      .post(`/tickets/${id}/comments/${comment.id}/redaction`)
      .send({ reason: 'mine' })
      .expect(403);
    const invalid = await desk
      .as(agent)
      .post(`/tickets/${id}/comments/${comment.id}/redaction`)
      .send({})
      .expect(400);
    expect(JSON.stringify(invalid.body)).toContain('reason');

    await desk
      .as(agent)
      .post(`/tickets/${id}/comments/${comment.id}/redaction`)
      .send({ reason: 'Holds a BSN number' })
      .expect(200);
    await desk
      .as(agent)
      .post(`/tickets/${id}/description/redaction`)
      .send({ reason: 'Names a patient' })
      .expect(200);

    const after = (await desk.as(agent).get(`/tickets/${id}`).expect(200)).body;
    expect(after.description).toBe('[redacted]');
    expect(after.comments).toEqual([expect.objectContaining({ id: comment.id, body: '[redacted]' })]);
    const history = (await desk.as(agent).get(`/tickets/${id}/history`).expect(200)).body;
    expect(history.map((e: { type: string }) => e.type).slice(-2)).toEqual([
      'CommentRedacted',
      'DescriptionRedacted',
    ]);
    expect(history.at(-2)).toMatchObject({ by: agent.id, data: { reason: 'Holds a BSN number' } });
    expect(JSON.stringify(history)).not.toContain(PATIENT);
    const asOf = new Date(Date.now() + 1000).toISOString();
    const past = (await desk.as(agent).get(`/tickets/${id}?asOf=${asOf}`).expect(200)).body;
    expect(JSON.stringify(past)).not.toContain(PATIENT);
  });
});
