/**
 * Splits one relay round into lanes: the items of a lane share an ordering key and are delivered
 * one after another in the given order; lanes are independent. Items without a key get a lane each.
 */
export function deliveryLanes<T>(items: readonly T[], keyOf: (item: T) => string | null): T[][] {
  const lanes: T[][] = [];
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) {
      lanes.push([item]);
      continue;
    }
    let lane = byKey.get(key);
    if (!lane) {
      lane = [];
      byKey.set(key, lane);
      lanes.push(lane);
    }
    lane.push(item);
  }
  return lanes;
}

/** Runs `work` over every item with at most `limit` running at once; resolves when all have settled. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
