
import { expectTypeOf } from 'vitest';
import type { Page, PagePromise } from '@sdkgen/runtime';
import { PagedZoo } from './sdk/index.js';
import type { ListPetsParams } from './sdk/resources/pets.js';

type Pet = { id: string; name: string };
const client = new PagedZoo({ baseUrl: 'http://127.0.0.1:1' });

export async function check(): Promise<void> {
  for await (const pet of client.pets.list({ limit: 2 })) {
    expectTypeOf(pet).toEqualTypeOf<Pet>();
    // @ts-expect-error a Pet has no species
    pet.species;
  }
  const page = await client.pets.list();
  expectTypeOf(page).toEqualTypeOf<Page<Pet, ListPetsParams>>();
  expectTypeOf(page.data).toEqualTypeOf<Pet[]>();
  expectTypeOf(page.nextPageParams()).toEqualTypeOf<ListPetsParams | null>();
  expectTypeOf(client.pets.list()).toExtend<PagePromise<Pet, ListPetsParams>>();
  for await (const p of client.pets.list({}, { maxPages: 2, maxItems: 3 }).pages()) expectTypeOf(p.data).toEqualTypeOf<Pet[]>();
  for await (const keeper of client.keepers.list()) expectTypeOf(keeper).toEqualTypeOf<{ login: string }>();
  for await (const f of client.feedings.list()) expectTypeOf(f).toEqualTypeOf<{ at: string; grams?: number }>();
  // A cursor parameter on a non-list operation stays a plain call returning the pet.
  expectTypeOf(await client.pets.get('p1')).toEqualTypeOf<Pet>();
  // @ts-expect-error not paginated: no async iteration
  for await (const x of client.pets.get('p1')) void x;
}
