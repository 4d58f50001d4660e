import { SLA_EVENTS } from './sla-catalogue';
import { SLA_METRICS } from './sla-events';

describe('the SLA event catalogue', () => {
  it.each(Object.entries(SLA_EVENTS))(
    'documents %s with a summary and an example naming the clock',
    (_type, entry) => {
      expect(entry.summary.length).toBeGreaterThan(20);
      expect(entry.example.ticketId).toBeTruthy();
      expect(SLA_METRICS).toContain(entry.example.metric);
      expect(new Date(entry.example.at).toISOString()).toBe(entry.example.at);
    },
  );
});
