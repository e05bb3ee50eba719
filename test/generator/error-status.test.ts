/**
 * Operation error types discriminated by status (`StatusError<S, Problem>` members): a literal per
 * declared code, the rest of a range for `4XX`/`5XX`, every other error status for `default`, and
 * the undeclared statuses as `ProblemDetails` when there is no `default`.
 */
import { describe, expect, it } from 'vitest';
import { errorType } from '../../generator/src/emit/operation-types.js';
import type { ResponseModel } from '../../generator/src/model.js';
import { op } from './emit-fixtures.js';

function response(status: string, mediaTypes = ['application/problem+json']): ResponseModel {
  return { status, mediaTypes, headers: [], pointer: '#' };
}

function errorsOf(...responses: ResponseModel[]): ReturnType<typeof errorType> {
  return errorType(op({ operationId: 'x', method: 'GET', path: '/x', methodName: 'x', typeName: 'X', responses: [response('200', ['application/json']), ...responses] }), 'XOp');
}

const body = (status: string): string => `XOp['responses'][${/^\d+$/.test(status) ? status : `'${status}'`}]['content']['application/problem+json']`;

describe('errorType', () => {
  it('gives each declared code its literal status and default the rest', () => {
    expect(errorsOf(response('404'), response('default'))).toEqual({
      type: `StatusError<404, ${body('404')}> | StatusError<Exclude<ErrorStatus, 404>, ${body('default')}>`,
      statusTypes: ['ErrorStatus'],
    });
  });

  it('types ranges as the rest of their class, and undeclared statuses as ProblemDetails without a default', () => {
    expect(errorsOf(response('409'), response('4XX'), response('503', []))).toEqual({
      type: [
        `StatusError<409, ${body('409')}>`,
        `StatusError<Exclude<ClientErrorStatus, 409>, ${body('4XX')}>`,
        'StatusError<503, never>',
        'StatusError<Exclude<ErrorStatus, 409 | 503 | ClientErrorStatus>, ProblemDetails>',
      ].join(' | '),
      statusTypes: ['ClientErrorStatus', 'ErrorStatus', 'ProblemDetails'],
    });
  });
});
