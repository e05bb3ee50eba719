import { describe, expectTypeOf, it } from 'vitest';
import { ApiError, isProblem, NotFoundError, type ProblemDetails } from '@sdkgen/runtime';

/** What an emitter would generate from a spec's problem schema. */
type OutOfCredit = { type?: string; title?: string; balance?: number; accounts?: string[] };

describe('problem typing hooks for generated SDKs', () => {
  it('ApiError and its subclasses take the problem type as a parameter', () => {
    expectTypeOf<ApiError['problem']>().toEqualTypeOf<ProblemDetails | undefined>();
    expectTypeOf<NotFoundError<OutOfCredit>['problem']>().toEqualTypeOf<OutOfCredit | undefined>();
    expectTypeOf<NotFoundError<OutOfCredit>>().toMatchTypeOf<ApiError<OutOfCredit>>();
  });

  it('isProblem narrows unknown errors to ones with a problem', () => {
    const error: unknown = undefined;
    if (isProblem(error, 'urn:x')) {
      expectTypeOf(error.problem).toEqualTypeOf<ProblemDetails>();
      expectTypeOf(error.problem.type).toEqualTypeOf<string>();
      expectTypeOf(error.problem.status).toEqualTypeOf<number | undefined>();
    }
    const typed = undefined as unknown as NotFoundError<OutOfCredit>;
    if (isProblem(typed)) {
      expectTypeOf(typed.problem.balance).toEqualTypeOf<number | undefined>();
      // @ts-expect-error a member the schema does not declare stays unknown, not number
      expectTypeOf(typed.problem.nope).toEqualTypeOf<number>();
    }
  });
});
