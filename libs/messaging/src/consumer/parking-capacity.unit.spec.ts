import { nextFlow, type ParkingCapacity } from './parking-capacity';

const cap: ParkingCapacity = { maxMessages: 10, maxBytes: 1000 };
const held = (messages: number, bytes = 0) => ({ messages, bytes });

describe('back-pressure on parked messages', () => {
  it('keeps fetching below the cap', () => {
    expect(nextFlow('flowing', held(9, 999), cap)).toBe('flowing');
  });

  it('pauses at the cap in messages', () => {
    expect(nextFlow('flowing', held(10), cap)).toBe('paused');
  });

  it('pauses at the cap in bytes, however few the messages', () => {
    expect(nextFlow('flowing', held(1, 1000), cap)).toBe('paused');
  });

  it('stays paused until the lot has drained to half the cap', () => {
    expect(nextFlow('paused', held(9), cap)).toBe('paused');
    expect(nextFlow('paused', held(6), cap)).toBe('paused');
    expect(nextFlow('paused', held(5), cap)).toBe('flowing');
  });

  it('stays paused while the bytes are above half the cap, even with few messages', () => {
    expect(nextFlow('paused', held(1, 501), cap)).toBe('paused');
    expect(nextFlow('paused', held(1, 500), cap)).toBe('flowing');
  });

  it('resumes at once when the lot is empty, even with a cap of one message', () => {
    expect(nextFlow('flowing', held(1), { maxMessages: 1, maxBytes: 1000 })).toBe('paused');
    expect(nextFlow('paused', held(0), { maxMessages: 1, maxBytes: 1000 })).toBe('flowing');
  });
});
