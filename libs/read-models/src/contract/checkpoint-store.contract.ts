// One behaviour for every CheckpointStore: each adapter's spec runs this suite.
import type { CheckpointStore } from '../view';

export const checkpointStoreContract = (name: string, makeStore: () => Promise<CheckpointStore>) =>
  describe(`${name} checkpoint store`, () => {
    let checkpoints: CheckpointStore;
    beforeEach(async () => {
      checkpoints = await makeStore();
      await checkpoints.clear('tickets');
    });

    it('remembers a position beyond 2^53 exactly, and forgets it on clear', async () => {
      const far = 2n ** 100n + 7n;
      expect(await checkpoints.save('tickets', far)).toBe(true);
      expect(await checkpoints.load('tickets')).toBe(far);
      await checkpoints.clear('tickets');
      expect(await checkpoints.load('tickets')).toBeUndefined();
    });

    it('moves only forward: a save at or below the stored position changes nothing', async () => {
      expect(await checkpoints.save('tickets', 1000n)).toBe(true);
      expect(await checkpoints.save('tickets', 999n)).toBe(false);
      expect(await checkpoints.save('tickets', 1000n)).toBe(false);
      // 9 < 10 as numbers though '9' > '10' as text.
      expect(await checkpoints.save('tickets', 10000n)).toBe(true);
      expect(await checkpoints.save('tickets', 9n)).toBe(false);
      expect(await checkpoints.load('tickets')).toBe(10000n);
    });

    it('keeps the highest of concurrent saves, whatever their order', async () => {
      const positions = Array.from({ length: 30 }, (_, i) => BigInt((i * 7919) % 30) * 10n + 10n);
      await Promise.all(positions.map((p) => checkpoints.save('tickets', p)));
      expect(await checkpoints.load('tickets')).toBe(300n);
    });

    it('keeps projections apart', async () => {
      await checkpoints.save('tickets', 50n);
      await checkpoints.clear('contacts');
      expect(await checkpoints.save('contacts', 5n)).toBe(true);
      expect(await checkpoints.load('tickets')).toBe(50n);
      await checkpoints.clear('contacts');
    });
  });
