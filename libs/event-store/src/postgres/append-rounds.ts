/**
 * The appends of one group commit in rounds of distinct streams, as indexes into the group: a
 * stream's first append in the first round, its second in the second, and so on, so that each
 * round can go as one statement and a stream's appends still reach it in the order they came.
 */
export const roundsOfDistinctStreams = (streamIds: readonly string[]): number[][] => {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  streamIds.forEach((streamId, index) => {
    const round = seen.get(streamId) ?? 0;
    seen.set(streamId, round + 1);
    (rounds[round] ??= []).push(index);
  });
  return rounds;
};
