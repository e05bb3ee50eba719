/**
 * Type tests of streaming operations (test/fixtures/snapshots/streams/sdk). Not run by vitest:
 * `typecheck.test.ts` compiles this file with tsc 5.9 and 7, NodeNext and Bundler, so every
 * `expectTypeOf` must hold and every `@ts-expect-error` line must stay an error.
 */
import { Readable } from 'node:stream';
import { expectTypeOf } from 'vitest';
import {
  Streams,
  toFile,
  type APIPromise,
  type CreateChatResponse,
  type CreateChatStreamItem,
  type GetFeedResponse,
  type GetFeedStreamItem,
  type Stream,
  type StreamEvent,
  type TailLogsStreamItem,
  type WatchEventsStreamItem,
  type components,
} from '../fixtures/snapshots/streams/sdk/index.js';

declare const client: Streams;

export async function streams(): Promise<void> {
  // A JSON-or-stream operation with its own `stream` body field: overloads by `stream`.
  expectTypeOf(client.chat.create({ prompt: 'hi', stream: true })).toEqualTypeOf<APIPromise<Stream<CreateChatStreamItem>>>();
  expectTypeOf(client.chat.create({ prompt: 'hi' })).toEqualTypeOf<APIPromise<CreateChatResponse>>();
  expectTypeOf(client.chat.create({ prompt: 'hi', stream: false })).toEqualTypeOf<APIPromise<CreateChatResponse>>();
  const flag: boolean = Math.random() > 0.5;
  expectTypeOf(client.chat.create({ prompt: 'hi', stream: flag })).toEqualTypeOf<APIPromise<CreateChatResponse | Stream<CreateChatStreamItem>>>();
  for await (const chunk of await client.chat.create({ prompt: 'hi', stream: true })) expectTypeOf(chunk.delta).toEqualTypeOf<string>();
  // @ts-expect-error the JSON answer is not iterable
  for await (const _ of await client.chat.create({ prompt: 'hi' })) void _;

  // JSON or JSON lines without a body field: a `stream` flag in the params.
  expectTypeOf(client.feed.get({ stream: true })).toEqualTypeOf<APIPromise<Stream<GetFeedStreamItem>>>();
  expectTypeOf(client.feed.get()).toEqualTypeOf<APIPromise<GetFeedResponse>>();
  expectTypeOf<GetFeedStreamItem>().toEqualTypeOf<components['schemas']['Thing']>();

  // OAS 3.2 itemSchema: items are whole events, `data` typed from `contentSchema`.
  const events = await client.events.watch();
  for await (const event of events) {
    expectTypeOf(event.event).toEqualTypeOf<'created' | 'deleted'>();
    expectTypeOf(event.data).toEqualTypeOf<components['schemas']['Thing']>();
  }
  expectTypeOf<WatchEventsStreamItem['id']>().toEqualTypeOf<string | undefined>();
  for await (const raw of (await client.events.watch()).events()) expectTypeOf(raw).toEqualTypeOf<StreamEvent>();
  expectTypeOf(events.response.requestId).toEqualTypeOf<string | undefined>();
  events.abort();

  // NDJSON: items are the schema; plain-text SSE data stays a string.
  expectTypeOf(client.logs.tail({ level: 'warn' })).toEqualTypeOf<APIPromise<Stream<TailLogsStreamItem>>>();
  expectTypeOf<TailLogsStreamItem['level']>().toEqualTypeOf<'info' | 'warn' | 'error'>();
  for await (const tick of await client.ticker.watch()) expectTypeOf(tick).toEqualTypeOf<string>();

  // Uploads take bytes and streams; `toFile` names them.
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield new Uint8Array([1]);
  }
  await client.files.putBlob('a', { body: chunks() });
  await client.files.putBlob('a', { body: Readable.from([Buffer.from('x')]) });
  await client.files.putBlob('a', { body: new Blob(['x']) });
  await client.files.upload({ body: { file: toFile(chunks(), 'a.bin', { type: 'application/octet-stream' }), purpose: 'test' } });
  await client.files.upload({ body: { file: new Uint8Array([1, 2]) } });
  // @ts-expect-error a number is no file
  await client.files.upload({ body: { file: 42 } });

  // Any call can hand back the unread Response instead.
  expectTypeOf(client.files.getBlob('a').asResponse()).toEqualTypeOf<Promise<Response>>();
}
