import { roundsOfDistinctStreams } from './append-rounds';

describe('roundsOfDistinctStreams', () => {
  it('puts distinct streams in one round', () => {
    expect(roundsOfDistinctStreams(['a', 'b', 'c'])).toEqual([[0, 1, 2]]);
  });

  it("puts a stream's later appends in later rounds, in the order they came", () => {
    expect(roundsOfDistinctStreams(['a', 'b', 'a', 'c', 'a', 'b'])).toEqual([[0, 1, 3], [2, 5], [4]]);
  });

  it('has no round for no appends', () => {
    expect(roundsOfDistinctStreams([])).toEqual([]);
  });
});
