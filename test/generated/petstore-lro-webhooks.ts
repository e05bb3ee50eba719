/**
 * Type tests of the example SDK's long-running operation and webhooks (issue 13). Not run by vitest:
 * `typecheck.test.ts` compiles this folder with tsc 5.9 and 7 under NodeNext and Bundler.
 */
import { expectTypeOf } from 'vitest';
import {
  OperationFailedError,
  PetStore,
  Poller,
  unwrapWebhook,
  type APIPromise,
  type components,
  type CreateReportResult,
  type CreateReportStatus,
  type PollerState,
  type WebhookEvent,
  type WebhookEvents,
} from '../../examples/petstore/sdk/index.js';

type Operation = components['schemas']['ReportOperation'];
type Report = components['schemas']['Report'];

declare const client: PetStore;

export async function poller(): Promise<void> {
  // The method returns a poller typed by the 202 body / status GET and the result link's GET.
  expectTypeOf(client.reports.create({ range: 'Q3' })).toEqualTypeOf<APIPromise<Poller<CreateReportStatus, CreateReportResult>>>();
  expectTypeOf<CreateReportStatus>().toEqualTypeOf<Operation>();
  expectTypeOf<CreateReportResult>().toEqualTypeOf<Report>();
  const op = await client.reports.create({ range: 'Q3' });
  expectTypeOf(op.status).toEqualTypeOf<Operation>();
  expectTypeOf(op.status.status).toEqualTypeOf<'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELED'>();
  expectTypeOf(await op.wait({ onProgress: (s) => expectTypeOf(s.progress).toEqualTypeOf<number | undefined>() })).toEqualTypeOf<Operation>();
  expectTypeOf(await op.result()).toEqualTypeOf<Report>();
  expectTypeOf(op.cancel()).toEqualTypeOf<Promise<void>>();
  expectTypeOf(op.toJSON()).toEqualTypeOf<PollerState<Operation>>();
  const resumed = Poller.resume<CreateReportStatus, CreateReportResult>(client, JSON.parse(JSON.stringify(op)));
  expectTypeOf(resumed).toEqualTypeOf<Poller<Operation, Report>>();
  try {
    await op.wait();
  } catch (error) {
    if (error instanceof OperationFailedError) {
      const failed = error as OperationFailedError<CreateReportStatus>;
      expectTypeOf(failed.operation.error).toEqualTypeOf<{ code: string; message: string } | undefined>();
    }
  }
  // @ts-expect-error a report has no `rows`
  void (await op.result()).rows;
  // @ts-expect-error onProgress receives the status, whose progress is a number
  await op.wait({ onProgress: (s: { progress: string }) => s });
  // @ts-expect-error the range is required
  await client.reports.create({});
}

export async function webhooks(body: string, headers: Headers): Promise<void> {
  const event = await unwrapWebhook(body, headers, { secret: 'whsec_x' });
  expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
  expectTypeOf<WebhookEvent>().toEqualTypeOf<WebhookEvents['petAdopted'] | WebhookEvents['reportReady']>();
  // The union narrows on its discriminator.
  if (event.type === 'report.ready') {
    expectTypeOf(event.data).toEqualTypeOf<{ reportId: string; operationId: string }>();
    // @ts-expect-error a report.ready event carries no petId
    void event.data.petId;
  } else {
    expectTypeOf(event.type).toEqualTypeOf<'pet.adopted'>();
    expectTypeOf(event.data).toEqualTypeOf<{ petId: string; ownerId: string }>();
  }
  // Plain header objects (node:http's IncomingHttpHeaders) work too; schemes are checked.
  await unwrapWebhook(new Uint8Array(), { 'webhook-id': 'x', 'set-cookie': ['a'] }, { secret: 'k', scheme: 'stripe', tolerance: 60 });
  await unwrapWebhook(body, headers, { secret: ['old', 'new'], scheme: { header: 'X-Sig', timestampHeader: 'X-Ts' } });
  // @ts-expect-error unknown scheme
  await unwrapWebhook(body, headers, { secret: 'k', scheme: 'svix' });
  // @ts-expect-error the secret is required
  await unwrapWebhook(body, headers, {});
}
