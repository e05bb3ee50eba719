/**
 * The example app: starts the in-memory pet store server, uses the generated SDK against it and
 * prints what happens. `npm run example` regenerates `./sdk` from `openapi.yaml` and runs this.
 */
import { pathToFileURL } from 'node:url';
import { startPetStoreServer } from './server.js';
import { isProblem, NotFoundError, PetStore, PreconditionFailedError, type CreatePetApiError } from './sdk/index.js';

/** Runs the tour; `log` receives every line it prints. */
export async function main(log: (line: string) => void = console.log): Promise<void> {
  const server = await startPetStoreServer();
  const client = new PetStore({ baseUrl: server.url, apiKey: 'test-key' });
  try {
    const rex = await client.pets.create({ name: 'Rex', species: 'dog', tag: 'good boy' });
    await client.pets.create({ name: 'Tom', species: 'cat' });
    await client.pets.create({ name: 'Tweety', species: 'bird' });
    log(`created ${rex.id} (${rex.name}, ${rex.species})`);

    const { data: pet, response } = await client.pets.get(rex.id).withResponse();
    const etag = response.headers.get('etag') ?? undefined;
    log(`got ${pet.id}: ${pet.name}, status ${response.status}, etag ${etag}`);

    const names: string[] = [];
    for await (const p of client.pets.list({ limit: 2 })) names.push(p.name);
    log(`listed ${names.length} pets two per page: ${names.join(', ')}`);

    const firstPage = await client.pets.list({ limit: 2 });
    log(`first page: ${firstPage.data.length} pets, more: ${firstPage.hasNextPage()}`);

    // Save the next page's params (the cursor) and resume later, e.g. in another process.
    const saved = firstPage.nextPageParams();
    if (saved !== null) {
      const rest: string[] = [];
      for await (const p of client.pets.list(saved)) rest.push(p.name);
      log(`resumed from cursor ${saved.cursor}: ${rest.join(', ')}`);
    }

    let pageCount = 0;
    for await (const page of client.pets.list({ limit: 2 }).pages()) pageCount += page.data.length > 0 ? 1 : 0;
    log(`page by page: ${pageCount} pages`);

    const max = await client.pets.update(rex.id, { name: 'Max' }, etag === undefined ? {} : { ifMatch: etag });
    log(`renamed ${max.id} to ${max.name}`);

    try {
      await client.pets.update(rex.id, { name: 'Stale' }, etag === undefined ? {} : { ifMatch: etag });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      log(`stale update refused: ${error.status} ${String((error.body as { title?: unknown }).title)}`);
    }

    const photo = await client.pets.uploadPhoto(rex.id, { body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    log(`uploaded a ${photo.size}-byte photo`);

    const owner = await client.owners.create({ body: { name: 'Ada', email: 'ada@example.com' } });
    log(`registered owner ${owner.id} (${owner.email})`);

    try {
      await client.pets.get('pet_404');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // RFC 9457 problem details, parsed from the application/problem+json body.
      log(`NotFoundError: status ${error.status}, problem "${error.problem?.title}" (${error.problem?.type}), request id ${error.requestId}`);
    }

    try {
      await client.pets.create({ name: '' });
    } catch (error) {
      // isProblem narrows by problem type; the per-operation error type gives the spec's problem schema.
      if (!isProblem(error, 'https://api.petstore.example/problems/422')) throw error;
      const problem = (error as CreatePetApiError).problem;
      const errors = problem !== undefined && 'errors' in problem ? (problem.errors ?? []) : [];
      log(`validation problem: ${error.problem.detail ?? error.problem.title} [${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}]`);
    }

    await client.pets.delete(rex.id);
    log(`deleted ${rex.id}`);
  } finally {
    await client.close();
    await server.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
