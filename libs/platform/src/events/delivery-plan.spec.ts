import { deliveryLanes, forEachConcurrently } from './delivery-plan';

describe('deliveryLanes', () => {
  it('keeps items of one key together and in order, and gives keyless items a lane each', () => {
    const items = [
      { id: 1, key: 'user:1' },
      { id: 2, key: 'relation:7' },
      { id: 3, key: null },
      { id: 4, key: 'user:1' },
      { id: 5, key: null },
      { id: 6, key: 'relation:7' },
    ];
    const lanes = deliveryLanes(items, (item) => item.key).map((lane) => lane.map((item) => item.id));
    expect(lanes).toEqual([[1, 4], [2, 6], [3], [5]]);
  });
});

describe('forEachConcurrently', () => {
  it('never runs more than the limit at once and runs every item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (item % 3)));
      seen.push(item);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('does nothing for no items', async () => {
    const work = jest.fn();
    await forEachConcurrently([], 4, work);
    expect(work).not.toHaveBeenCalled();
  });
});
