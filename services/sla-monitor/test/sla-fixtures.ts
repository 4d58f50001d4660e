import type { Principal } from '@helpdesk/platform';
import {
  applyToView,
  organisationProjection,
  type OrganisationView,
  type ViewStore,
} from '@helpdesk/read-models';
import { type OrganisationFixture, organisationEvents } from '@helpdesk/testing';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const agent: Principal = { id: 'agent-1', role: 'agent' };
export const reporter: Principal = { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' };
export const colleague: Principal = { id: 'c-colleague', role: 'customer_employee', organisationId: 'org-a' };
export const adminA: Principal = { id: 'c-admin-a', role: 'customer_admin', organisationId: 'org-a' };
export const adminB: Principal = { id: 'c-admin-b', role: 'customer_admin', organisationId: 'org-b' };
export const fastReporter: Principal = {
  id: 'c-fast',
  role: 'customer_employee',
  organisationId: 'org-fast',
};
export const lateReporter: Principal = {
  id: 'c-late',
  role: 'customer_employee',
  organisationId: 'org-late',
};

export const aTicket = { kind: 'error', subject: 'Export stops at 50%', description: 'It stops halfway.' };

export const organisations: OrganisationFixture[] = [
  {
    id: 'org-a',
    contacts: [{ id: 'c-reporter' }, { id: 'c-colleague' }, { id: 'c-admin-a', role: 'customer_admin' }],
  },
  { id: 'org-b', contacts: [{ id: 'c-admin-b', role: 'customer_admin' }] },
  { id: 'org-fast', contacts: [{ id: 'c-fast' }] },
  { id: 'org-late', contacts: [{ id: 'c-late' }] },
];

/** Round the clock, triage within seconds: breaches a test can wait for. */
const quickPolicy = (id: string, triageMinutes: number) => ({
  id,
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  calendar: { officeHours: '24/7' },
  targets: {
    triage: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { minutes: triageMinutes }])),
    first_response: { P3: { hours: 8 } },
  },
});

export const FAST_POLICY = quickPolicy('e2e-fast', 0.05); // 3 seconds
export const LATE_POLICY = quickPolicy('e2e-late', 0.2); // 12 seconds

export const policiesFile = () => {
  const path = join(tmpdir(), `sla-e2e-policies-${process.pid}.json`);
  writeFileSync(path, JSON.stringify([FAST_POLICY, LATE_POLICY]));
  return path;
};

/** The contacts service moving an organisation to another contract policy. */
export const changePolicy = async (
  views: ViewStore<OrganisationView>,
  fixture: OrganisationFixture,
  slaPolicy: string,
) => {
  const events = organisationEvents(fixture);
  const last = events[events.length - 1];
  await applyToView(organisationProjection, views, {
    ...last,
    revision: last.revision + 1,
    type: 'OrganisationDetailsChanged',
    data: {
      organisationId: fixture.id,
      by: 'agent-1',
      at: '2026-11-02T09:00:00.000Z',
      changes: { slaPolicy },
    },
  });
};

/** Asks until the answer satisfies the check (the monitor works from Kafka, a moment behind). */
export const eventually = async <T>(ask: () => Promise<T>, ok: (value: T) => boolean, ms = 30000) => {
  const deadline = Date.now() + ms;
  let value = await ask();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await ask();
  }
  return value;
};
