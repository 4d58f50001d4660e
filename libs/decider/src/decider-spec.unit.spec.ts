import type { Decider } from './decider';
import { deciderSpec } from './decider-spec';

type Counted = { type: 'Counted'; by: number };
class TooMuch extends Error {}
const counter: Decider<{ add: number }, Counted, number> = {
  initialState: 0,
  decide: ({ add }, total) => {
    if (total + add > 10) throw new TooMuch('over ten');
    return [{ type: 'Counted', by: add }];
  },
  evolve: (total, event) => total + event.by,
};
const spec = deciderSpec(counter);

describe('deciderSpec', () => {
  it('folds the given history before deciding', () =>
    spec
      .given([{ type: 'Counted', by: 4 }])
      .when({ add: 2 })
      .then([{ type: 'Counted', by: 2 }]));

  it('checks the refusal by class and message', () =>
    spec
      .given([{ type: 'Counted', by: 9 }])
      .when({ add: 2 })
      .thenThrows(TooMuch, /over ten/));

  it('fails when a refusal was expected but the command was accepted', () =>
    expect(() => spec.given([]).when({ add: 1 }).thenThrows(TooMuch)).toThrow(/was accepted/));
});
