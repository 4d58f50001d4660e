import { backOffDelay } from './back-off';
import { topicLag } from './consumer-group-lag';

describe('backOffDelay', () => {
  const backOff = { initialMs: 500, maxMs: 30000 };

  it('doubles from the initial wait', () => {
    expect([1, 2, 3, 4].map((attempt) => backOffDelay(attempt, backOff))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than the cap, however many retries', () => {
    expect(backOffDelay(7, backOff)).toBe(30000);
    expect(backOffDelay(10_000, backOff)).toBe(30000);
  });

  it('takes at most a fifth off with jitter', () => {
    expect(backOffDelay(3, backOff, 1)).toBe(1600);
    expect(backOffDelay(3, backOff, 0.5)).toBe(1800);
    expect(backOffDelay(100, backOff, 1)).toBe(24000);
  });
});

describe('topicLag', () => {
  it('is the end minus the committed offset, summed over partitions', () => {
    const ends = [
      { partition: 0, high: '10', low: '0' },
      { partition: 1, high: '7', low: '0' },
    ];
    expect(
      topicLag(ends, [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '7' },
      ]),
    ).toBe(6);
  });

  it('counts a partition the group never committed on from the oldest kept message', () => {
    expect(topicLag([{ partition: 0, high: '50', low: '20' }], [{ partition: 0, offset: '-1' }])).toBe(30);
    expect(topicLag([{ partition: 0, high: '5', low: '0' }], [])).toBe(5);
  });

  it('is never negative', () => {
    expect(topicLag([{ partition: 0, high: '3', low: '0' }], [{ partition: 0, offset: '9' }])).toBe(0);
  });
});
