/** A call's result with the HTTP response it came from. */
export interface WithResponse<T> {
  /** The validated result. */
  data: T;
  /** The response (its body has been read; headers and status are there). */
  response: Response;
  /** The response's `X-Request-Id`, to quote to support. */
  requestId: string | undefined;
}

/**
 * The promise every HTTP call returns: await it for the data, or call `.withResponse()` for
 * the data together with the raw `Response` and request id.
 *
 * @example
 * const { data: session, requestId } = await client.sessions.status(id).withResponse();
 */
export class APIPromise<T> extends Promise<T> {
  readonly #load: () => Promise<WithResponse<T>>;
  #result: Promise<WithResponse<T>> | undefined;

  /** `load` runs on first use (await, `.then`, `.withResponse()`), once. */
  constructor(load: () => Promise<WithResponse<T>>) {
    // The base promise is never observed: `then` below reads the real result.
    super((resolve) => resolve(undefined as T));
    this.#load = load;
  }

  // Derived promises (`.then(...)`) are plain promises, not APIPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** Resolves to `{ data, response, requestId }`. */
  withResponse(): Promise<WithResponse<T>> {
    this.#result ??= this.#load();
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is a promise; awaiting it is the point.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.withResponse()
      .then((result) => result.data)
      .then(onfulfilled, onrejected);
  }
}

/** Starts `load` now (so a call is sent even if nobody awaits it) and wraps it. */
export function eager<T>(load: () => Promise<WithResponse<T>>): APIPromise<T> {
  const result = load();
  return new APIPromise(() => result);
}

/**
 * A paginated call: await it for the first page, or iterate it for every item of every page
 * (pages are fetched as the loop needs them). Nothing is sent until it is used.
 *
 * @example
 * for await (const session of client.sessions.list({ limit: 50 })) console.log(session.id);
 */
export class PagePromise<Page, Item> extends APIPromise<Page> implements AsyncIterable<Item> {
  readonly #fetchNext: (page: Page) => APIPromise<Page> | undefined;
  readonly #items: (page: Page) => Item[];

  constructor(
    first: () => Promise<WithResponse<Page>>,
    fetchNext: (page: Page) => APIPromise<Page> | undefined,
    items: (page: Page) => Item[],
  ) {
    super(first);
    this.#fetchNext = fetchNext;
    this.#items = items;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    let page: Page | undefined = await this;
    while (page !== undefined) {
      for (const item of this.#items(page)) yield item;
      page = await this.#fetchNext(page);
    }
  }
}
