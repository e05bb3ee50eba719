/**
 * OpenAI's public spec (OAS 3.1, read from ../shared/specs, never copied here) generates, and its
 * chat completion method is overloaded: `stream: true` is typed as a stream of chunks, anything
 * else as the completion. A type test: a usage file is compiled with the generated SDK under
 * strict settings, `@ts-expect-error` lines included (they fail if the types loosen).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOne, OPENAI_SPEC, ROOT, typecheck, writeProject, type CorpusOutcome, type TypecheckResult } from '../corpus/corpus.js';

const OUT = join(ROOT, 'test/.tmp/openai-stream');

const USAGE = `import { OpenAiApi as OpenAI, Stream, type CreateChatCompletionParams, type CreateChatCompletionStreamItem, type CreateChatCompletionResponse } from '../openai/index.js';

export async function usage(client: OpenAI, base: Omit<CreateChatCompletionParams, 'stream'>): Promise<void> {
  const stream = await client.chat.createCompletion({ ...base, stream: true });
  const typed: Stream<CreateChatCompletionStreamItem> = stream;
  for await (const chunk of typed) {
    const delta: string | null | undefined = chunk.choices[0]?.delta.content;
    const id: string = chunk.id;
    void delta;
    void id;
  }
  for await (const event of stream.events()) {
    const data: string = event.data;
    void data;
  }
  stream.abort();

  const completion = await client.chat.createCompletion({ ...base });
  const result: CreateChatCompletionResponse = completion;
  const content: string | null | undefined = result.choices[0]?.message.content;
  void content;
  // @ts-expect-error without stream: true the result is the completion, not a stream
  for await (const _ of completion) void _;
  // @ts-expect-error with stream: true the result is a stream, not a completion
  void (await client.chat.createCompletion({ ...base, stream: true })).choices;

  const either = await client.chat.createCompletion({ ...base, stream: Math.random() > 0.5 });
  if (either instanceof Stream) for await (const chunk of either) void chunk.choices;
  else void either.choices;
}
`;

describe('OpenAI spec', () => {
  let outcome: CorpusOutcome;
  let checked: TypecheckResult;

  beforeAll(async () => {
    outcome = await generateOne({ name: 'openai', file: OPENAI_SPEC }, OUT);
    mkdirSync(join(OUT, 'usage'), { recursive: true });
    writeFileSync(join(OUT, 'usage/usage.ts'), USAGE);
    checked = await typecheck(writeProject(OUT, ['openai', 'usage']));
  }, 10 * 60_000);

  it('generates', () => {
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('generated');
  });

  it('types chat completion with stream: true as a Stream of chunks, and without it as the completion', () => {
    expect(outcome.status).toBe('generated');
    expect(checked.other).toEqual([]);
    expect(checked.errors.get('usage') ?? []).toEqual([]);
    expect(checked.errors.get('openai') ?? []).toEqual([]);
  });
});
