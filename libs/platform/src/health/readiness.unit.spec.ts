import { runReadinessChecks } from './readiness';

describe('runReadinessChecks', () => {
  it('is ready when every dependency answers', async () => {
    const report = await runReadinessChecks([{ name: 'event-store', check: async () => undefined }]);
    expect(report).toEqual({ status: 'ready', checks: { 'event-store': { status: 'up' } } });
  });

  it('is not ready and says why when one dependency fails', async () => {
    const report = await runReadinessChecks([
      { name: 'event-store', check: async () => undefined },
      { name: 'kafka', check: async () => Promise.reject(new Error('connection refused')) },
    ]);
    expect(report.status).toBe('not_ready');
    expect(report.checks.kafka).toEqual({ status: 'down', error: 'connection refused' });
  });
});
