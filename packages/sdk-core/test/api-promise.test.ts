import { describe, expect, test } from 'vitest';
import { APIPromise, PagePromise } from '../src/api-promise.js';

const ok = <T>(data: T) => ({ data, response: new Response('{}'), requestId: 'req_1' });

describe('APIPromise', () => {
  test('loads once, however it is consumed', async () => {
    let loads = 0;
    const promise = new APIPromise(async () => {
      loads += 1;
      return ok(42);
    });
    expect(await promise).toBe(42);
    expect((await promise.withResponse()).requestId).toBe('req_1');
    expect(await promise.then((n) => n + 1)).toBe(43);
    await promise.finally(() => undefined);
    expect(loads).toBe(1);
  });

  test('rejections reach catch and await', async () => {
    const failing = new APIPromise<number>(async () => {
      throw new Error('nope');
    });
    expect(await failing.catch((error: Error) => error.message)).toBe('nope');
    await expect(failing).rejects.toThrow('nope');
  });
});

describe('PagePromise', () => {
  const pages = [
    { items: [1, 2], next: 1 },
    { items: [3], next: 2 },
    { items: [], next: undefined },
  ];
  const make = (fetched: number[]) => {
    const load = (i: number) =>
      new APIPromise(async () => {
        fetched.push(i);
        return ok(pages[i]!);
      });
    return new PagePromise(
      () => load(0).withResponse(),
      (page) => (page.next === undefined ? undefined : load(page.next)),
      (page) => page.items,
    );
  };

  test('sends nothing until used; awaiting gives the first page only', async () => {
    const fetched: number[] = [];
    const paged = make(fetched);
    expect(fetched).toEqual([]);
    expect(await paged).toEqual(pages[0]);
    expect(fetched).toEqual([0]);
  });

  test('iterating yields every item of every page, fetching pages as the loop needs them', async () => {
    const fetched: number[] = [];
    const items: number[] = [];
    for await (const item of make(fetched)) {
      items.push(item);
      if (item === 2) expect(fetched).toEqual([0]);
    }
    expect(items).toEqual([1, 2, 3]);
    expect(fetched).toEqual([0, 1, 2]);
  });
});
