/**
 * Type tests of the generated pet store SDK's public surface (examples/petstore/sdk). Not run by
 * vitest: `typecheck.test.ts` compiles this file with tsc 5.9 and 7, NodeNext and Bundler, so every
 * `expectTypeOf` must hold and every `@ts-expect-error` line must stay an error.
 */
import { expectTypeOf } from 'vitest';
import {
  ApiError,
  isProblem,
  NotFoundError,
  PetStore,
  type APIPromise,
  type CreatePetApiError,
  type CreatePetParams,
  type CreatePetProblem,
  type ListPetsItem,
  type Page,
  type PagePromise,
  type PetStoreOptions,
  type ProblemDetails,
  type components,
} from '../../examples/petstore/sdk/index.js';
import { PetStoreCore } from '../../examples/petstore/sdk/core.js';
import { petsGet, petsList } from '../../examples/petstore/sdk/funcs.js';

type Pet = components['schemas']['Pet'];

declare const client: PetStore;

export async function surface(): Promise<void> {
  // Results are the spec's schemas.
  expectTypeOf(client.pets.get('pet_1')).toEqualTypeOf<APIPromise<Pet>>();
  expectTypeOf(await client.pets.create({ name: 'Rex' })).toEqualTypeOf<Pet>();
  expectTypeOf(await client.pets.delete('pet_1')).toEqualTypeOf<void>();
  expectTypeOf(await client.pets.getPhoto('pet_1')).toEqualTypeOf<Blob>();
  expectTypeOf(await client.owners.list()).toEqualTypeOf<components['schemas']['Owner'][]>();

  // Standalone functions: the same types as the methods, with a client or its Core first.
  const core = new PetStoreCore({ apiKey: 'k' });
  expectTypeOf(petsGet(core, 'pet_1')).toEqualTypeOf<APIPromise<Pet>>();
  expectTypeOf(petsGet(client, 'pet_1')).toEqualTypeOf<APIPromise<Pet>>();
  expectTypeOf(petsList(core, { limit: 2 })).toEqualTypeOf(client.pets.list({ limit: 2 }));
  // @ts-expect-error a core has no resource namespaces
  void core.pets;

  // Lists page: awaiting gives the first page, iterating gives items.
  const list = client.pets.list({ limit: 20 });
  expectTypeOf(list).toMatchTypeOf<PagePromise<ListPetsItem, unknown>>();
  expectTypeOf<ListPetsItem>().toEqualTypeOf<Pet>();
  const page = await list;
  expectTypeOf(page).toMatchTypeOf<Page<Pet, unknown>>();
  expectTypeOf(page.data).toEqualTypeOf<Pet[]>();
  for await (const pet of client.pets.list()) expectTypeOf(pet).toEqualTypeOf<Pet>();

  // Params: query, header and body fields share one object; path params are positional.
  expectTypeOf<CreatePetParams>().toHaveProperty('name');
  expectTypeOf(client.pets.get).parameter(0).toEqualTypeOf<string>();
  await client.pets.update('pet_1', { name: 'Max', tag: null }, { ifMatch: '"v7"', idempotencyKey: 'k', maxRetries: 1 });
  await client.pets.uploadPhoto('pet_1', { body: new Uint8Array([1, 2, 3]) });
  await client.owners.create({ body: { name: 'Ada', email: 'ada@example.com' } });

  // Errors are classes users catch.
  expectTypeOf<NotFoundError>().toMatchTypeOf<ApiError>();
  expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
  try {
    await client.pets.get('pet_1');
  } catch (error) {
    if (isProblem(error, 'https://api.petstore.example/problems/404')) expectTypeOf(error.problem).toEqualTypeOf<ProblemDetails>();
  }
  // Each operation's error type carries the problem schemas of its error responses.
  expectTypeOf<CreatePetApiError>().toMatchTypeOf<ApiError>();
  expectTypeOf<NonNullable<CreatePetApiError['problem']>>().toEqualTypeOf<CreatePetProblem>();
  expectTypeOf<CreatePetProblem>().toEqualTypeOf<components['schemas']['ValidationProblem'] | components['schemas']['Problem']>();

  // Credentials: strings, or (for bearer tokens) functions called per request.
  const options: PetStoreOptions = { apiKey: 'k', bearerToken: async () => 'token', maxRetries: 2, timeout: 5_000 };
  void options;
}

export async function misuse(): Promise<void> {
  // @ts-expect-error a pet's name is a string
  await client.pets.create({ name: 42 });
  // @ts-expect-error `name` is required in the create body
  await client.pets.create({ species: 'dog' });
  // @ts-expect-error species is an enum
  await client.pets.create({ name: 'Rex', species: 'dragon' });
  // @ts-expect-error limit is a number
  await client.pets.list({ limit: '20' });
  // @ts-expect-error getPet takes its id positionally, not in an object
  await client.pets.get({ petId: 'pet_1' });
  // @ts-expect-error unknown request option
  await client.pets.get('pet_1', { retries: 3 });
  // @ts-expect-error the form body needs an email
  await client.owners.create({ body: { name: 'Ada' } });
  // The error type is discriminated by status: a check of `status` narrows `problem` to that response's schema.
  const createError = null as unknown as CreatePetApiError;
  if (createError.status === 422) expectTypeOf(createError.problem).toEqualTypeOf<components['schemas']['ValidationProblem'] | undefined>();
  else expectTypeOf(createError.problem).toEqualTypeOf<components['schemas']['Problem'] | undefined>();
  // @ts-expect-error a create problem has no `balance` member
  void ((null as unknown as CreatePetApiError).problem?.balance);
  // @ts-expect-error apiKey is a string
  new PetStore({ apiKey: 123 });
}
