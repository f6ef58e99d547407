/**
 * Items sorted into lists by a key, each list in the order of the items (rows loaded for many ids
 * at once, by id). An item whose key is null is left out; `valueOf` picks what a list holds.
 */
export function groupBy<T, K, V = T>(items: Iterable<T>, keyOf: (item: T) => K | null, valueOf: (item: T) => V = (item) => item as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(valueOf(item));
    else groups.set(key, [valueOf(item)]);
  }
  return groups;
}
