/** The iterator of a sync or async iterable: `next()` gives a promise only for the async one. */
export function iterate<T>(it: Iterable<T> | AsyncIterable<T>): { next(): IteratorResult<T> | Promise<IteratorResult<T>> } {
  return Symbol.asyncIterator in it ? it[Symbol.asyncIterator]() : it[Symbol.iterator]();
}
