import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { descriptorValue } from '../../generator/src/emit/descriptor.js';
import { loadSpecFromObject } from '../../generator/src/load/index.js';
import type { OperationModel } from '../../generator/src/model.js';
import { normalize } from '../../generator/src/normalize/index.js';

/** The one operation of a document with `responses` and an optional request body. */
function operation(responses: object, requestBody?: object, openapi = '3.1.0'): OperationModel {
  const doc = { openapi, info: { title: 'T', version: '1' }, paths: { '/x': { post: { operationId: 'x', responses, ...(requestBody ? { requestBody } : {}) } } } };
  return normalize(loadSpecFromObject(doc), new Diagnostics()).resources[0]!.operations[0]!;
}

const sse = (schema: object = { type: 'object' }) => ({ 'text/event-stream': { schema } });
const json = { 'application/json': { schema: { type: 'object' } } };
const body = (properties: object) => ({ content: { 'application/json': { schema: { type: 'object', properties } } } });

describe('stream detection', () => {
  const cases: { name: string; op: () => OperationModel; want: Partial<NonNullable<OperationModel['stream']>> | undefined; kind: OperationModel['responseKind'] }[] = [
    { name: 'SSE only', op: () => operation({ '200': { description: '', content: sse() } }), want: { format: 'sse', items: 'data', mediaType: 'text/event-stream' }, kind: 'stream' },
    { name: 'NDJSON', op: () => operation({ '200': { description: '', content: { 'application/x-ndjson': { schema: {} } } } }), want: { format: 'ndjson' }, kind: 'stream' },
    { name: 'JSON lines', op: () => operation({ '200': { description: '', content: { 'application/jsonl': {} } } }), want: { format: 'ndjson' }, kind: 'stream' },
    { name: 'JSON text sequences', op: () => operation({ '200': { description: '', content: { 'application/json-seq': {} } } }), want: { format: 'json-seq' }, kind: 'stream' },
    {
      name: 'JSON and SSE with a stream body field: selected by the field',
      op: () => operation({ '200': { description: '', content: { ...json, ...sse() } } }, body({ stream: { type: 'boolean' } })),
      want: { select: 'field' },
      kind: 'json',
    },
    {
      name: 'a stream field inherited through allOf',
      op: () =>
        operation(
          { '200': { description: '', content: { ...json, ...sse() } } },
          { content: { 'application/json': { schema: { allOf: [{ type: 'object', properties: { model: { type: 'string' } } }, { properties: { stream: { type: 'boolean' } } }] } } } },
        ),
      want: { select: 'field' },
      kind: 'json',
    },
    { name: 'JSON and SSE without a field: the params flag', op: () => operation({ '200': { description: '', content: { ...json, ...sse() } } }), want: { select: 'param' }, kind: 'json' },
    { name: 'the stream in another 2xx response', op: () => operation({ '200': { description: '', content: json }, '202': { description: '', content: sse() } }), want: { status: '202', select: 'param' }, kind: 'json' },
    { name: 'plain-text SSE data', op: () => operation({ '200': { description: '', content: sse({ type: 'string' }) } }), want: { textData: true }, kind: 'stream' },
    {
      name: 'OAS 3.2 itemSchema: whole events',
      op: () => operation({ '200': { description: '', content: { 'text/event-stream': { itemSchema: { type: 'object' } } } } }, undefined, '3.2.0'),
      want: { items: 'events' },
      kind: 'stream',
    },
    { name: 'an error response stream is no stream', op: () => operation({ '200': { description: '', content: json }, '500': { description: '', content: sse() } }), want: undefined, kind: 'json' },
  ];
  it.each(cases)('$name', ({ op, want, kind }) => {
    const model = op();
    if (want === undefined) expect(model.stream).toBeUndefined();
    else expect(model.stream).toMatchObject(want);
    expect(model.responseKind).toBe(kind);
  });

  it('puts the stream settings in the descriptor', () => {
    const model = operation({ '200': { description: '', content: { ...json, ...sse() } } }, body({ stream: { type: 'boolean' } }));
    expect(descriptorValue(model)).toMatchObject({ response: 'json', stream: { mediaType: 'text/event-stream', select: 'field' } });
  });
});
