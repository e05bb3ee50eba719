import { describe, expect, it } from 'vitest';
import {
  hasProblemShape,
  isProblem,
  parseProblem,
  problemExtensions,
  type ProblemDetails,
} from '../../../runtime/src/problem.js';

const PJ = 'application/problem+json';

describe('parseProblem', () => {
  const table: { name: string; type: string | undefined; text: string; want: Record<string, unknown> | undefined }[] = [
    {
      name: 'RFC 9457 example',
      type: PJ,
      text: JSON.stringify({
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        detail: 'Your current balance is 30, but that costs 50.',
        instance: '/account/12345/msgs/abc',
        balance: 30,
        accounts: ['/account/12345', '/account/67890'],
      }),
      want: {
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        detail: 'Your current balance is 30, but that costs 50.',
        instance: '/account/12345/msgs/abc',
        balance: 30,
        accounts: ['/account/12345', '/account/67890'],
      },
    },
    { name: 'type defaults to about:blank', type: PJ, text: '{"status":404}', want: { type: 'about:blank', status: 404 } },
    { name: 'empty object', type: PJ, text: '{}', want: { type: 'about:blank' } },
    { name: 'parameters and case', type: 'Application/Problem+JSON; charset=utf-8', text: '{"title":"x"}', want: { type: 'about:blank', title: 'x' } },
    {
      name: 'wrong member types are ignored',
      type: PJ,
      text: '{"type":7,"title":["a"],"status":"500","detail":null,"instance":{},"code":"E1"}',
      want: { type: 'about:blank', code: 'E1' },
    },
    { name: 'truncated JSON', type: PJ, text: '{"type":"https://x/y","tit', want: undefined },
    { name: 'array', type: PJ, text: '[1,2]', want: undefined },
    { name: 'string', type: PJ, text: '"oops"', want: undefined },
    { name: 'null', type: PJ, text: 'null', want: undefined },
    { name: 'empty body', type: PJ, text: '', want: undefined },
    { name: 'HTML', type: 'text/html', text: '<html><body>502 Bad Gateway</body></html>', want: undefined },
    { name: 'HTML labelled as problem', type: PJ, text: '<html></html>', want: undefined },
    { name: 'no content type', type: undefined, text: '{"type":"a","title":"b"}', want: undefined },
    // Problems sent as plain JSON are recognised by shape.
    { name: 'json with problem shape', type: 'application/json', text: '{"title":"Not Found","status":404}', want: { type: 'about:blank', title: 'Not Found', status: 404 } },
    { name: '+json with problem shape', type: 'application/vnd.api+json', text: '{"type":"urn:x","detail":"d"}', want: { type: 'urn:x', detail: 'd' } },
    { name: 'json resource with a title', type: 'application/json', text: '{"title":"Rex","id":1}', want: undefined },
    { name: 'json error envelope', type: 'application/json', text: '{"error":{"message":"no"}}', want: undefined },
    { name: 'json with ill-typed members', type: 'application/json', text: '{"title":"x","status":"404"}', want: undefined },
  ];
  it.each(table)('$name', ({ type, text, want }) => {
    expect(parseProblem(type, text)).toEqual(want);
  });

  it('keeps __proto__ as plain data and never pollutes prototypes', () => {
    const problem = parseProblem(PJ, '{"title":"x","__proto__":{"polluted":true},"constructor":"c"}');
    expect(problem).toBeDefined();
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(problem!, '__proto__')).toBe(true);
    expect(problemExtensions(problem!)).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":"c"}'));
  });
});

describe('hasProblemShape', () => {
  const table: { given: unknown; want: boolean }[] = [
    { given: { type: 'a', title: 'b' }, want: true },
    { given: { title: 'b', status: 400 }, want: true },
    { given: { type: 'a', detail: 'd' }, want: true },
    { given: { status: 400, detail: 'd' }, want: false },
    { given: { title: 'b' }, want: false },
    { given: { type: 1, title: 2 }, want: false },
    { given: [], want: false },
    { given: null, want: false },
    { given: 'str', want: false },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(hasProblemShape(given)).toBe(want);
  });
});

describe('isProblem', () => {
  const withProblem = (problem: ProblemDetails | undefined) => Object.assign(new Error('x'), { problem });
  const table: { name: string; error: unknown; typeUri?: string; want: boolean }[] = [
    { name: 'any problem', error: withProblem({ type: 'urn:a' }), want: true },
    { name: 'matching type', error: withProblem({ type: 'urn:a' }), typeUri: 'urn:a', want: true },
    { name: 'other type', error: withProblem({ type: 'urn:a' }), typeUri: 'urn:b', want: false },
    { name: 'about:blank', error: withProblem({ type: 'about:blank' }), typeUri: 'about:blank', want: true },
    { name: 'no problem', error: withProblem(undefined), want: false },
    { name: 'plain error', error: new Error('x'), want: false },
    { name: 'null', error: null, want: false },
    { name: 'string', error: 'x', want: false },
    { name: 'problem without type', error: { problem: { title: 't' } }, want: false },
  ];
  it.each(table)('$name', ({ error, typeUri, want }) => {
    expect(isProblem(error, typeUri)).toBe(want);
  });

  it('narrows the type', () => {
    const error: unknown = withProblem({ type: 'urn:credit', balance: 30 });
    if (!isProblem(error, 'urn:credit')) throw new Error('expected a problem');
    const balance: unknown = error.problem['balance'];
    expect(balance).toBe(30);
    expect(error.problem.type).toBe('urn:credit');
  });
});
