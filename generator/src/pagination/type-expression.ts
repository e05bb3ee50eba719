/**
 * The TypeScript type of one item, as an indexed access into the response body type, so item types
 * come from openapi-typescript's output and never drift from it.
 */

/**
 * `itemTypeExpression('ListPetsResponse', ['data'])` ->
 * `NonNullable<NonNullable<ListPetsResponse>["data"]>[number]`. Each step strips `null | undefined`
 * because optional and nullable properties are common on list envelopes. Without a path, `unknown`.
 * Property names are emitted as JSON string literals, so any name is safe.
 */
export function itemTypeExpression(bodyType: string, itemsPath: readonly string[] | undefined): string {
  if (itemsPath === undefined) return 'unknown';
  let expr = bodyType;
  for (const name of itemsPath) expr = `NonNullable<${expr}>[${JSON.stringify(name)}]`;
  return `NonNullable<${expr}>[number]`;
}
