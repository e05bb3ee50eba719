/**
 * Named model types in `types.ts`: every schema of `components.schemas` also gets a top-level name
 * (`Pet`, `FullRepository`), as openapi-typescript's `rootTypes` option gives, so users can name
 * models and editors show the name instead of the expanded object. Object schemas are declared at
 * the top level (`export type Pet = { ... }`) and `components.schemas.Pet` refers to that alias: a
 * type alias only names the type it declares, so an alias of `components['schemas']['Pet']` would
 * still hover as `{ id: string; ... }`. The types are the same types: the literal just moved.
 * Other schemas (unions, primitives, arrays) get `export type X = components['schemas']['x']`:
 * declaring them at the top level could make a recursive schema a circular alias.
 */
import ts from 'typescript';
import { pascalCase } from '../naming.js';
import { isBindingIdentifier } from './escape.js';

/**
 * Global types a model must not shadow: the ones openapi-typescript's output and generated code
 * name (`Record<string, never>`, `Blob`), the TypeScript utility types and the common built-ins.
 * A schema called `Record` becomes `RecordSchema`.
 */
const GLOBAL_TYPES = [
  'Record', 'Blob', 'File', 'FormData', 'Headers', 'Request', 'Response', 'URL', 'URLSearchParams', 'AbortSignal',
  'ReadableStream', 'Uint8Array', 'ArrayBuffer', 'Array', 'ReadonlyArray', 'Partial', 'Required', 'Readonly', 'Pick',
  'Omit', 'Exclude', 'Extract', 'NonNullable', 'Parameters', 'ReturnType', 'InstanceType', 'ConstructorParameters',
  'Awaited', 'Promise', 'PromiseLike', 'NoInfer', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'ThisType',
  'PropertyKey', 'Date', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Function', 'Map', 'Set',
  'WeakMap', 'WeakSet', 'RegExp', 'JSON', 'Math', 'Iterable', 'AsyncIterable', 'Iterator', 'AsyncIterator',
];

/** What the transform added: the model names, in schema order. */
export interface NamedModels {
  nodes: ts.Node[];
  names: string[];
}

function memberKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** A free identifier for schema `key`: PascalCase, `Schema` suffixed on a clash, then numbered. */
function modelName(key: string, taken: Set<string>): string {
  let base = pascalCase(key);
  if (base === '' || !/^[A-Za-z_$]/.test(base)) base = `Schema${base}`;
  if (!isBindingIdentifier(base)) base = `${base}Schema`;
  let name = base;
  if (taken.has(name)) name = `${base}Schema`;
  for (let i = 2; taken.has(name) || !isBindingIdentifier(name); i++) name = `${base}Schema${i}`;
  taken.add(name);
  return name;
}

/**
 * Adds the named models to openapi-typescript's nodes. `reserved` holds names the SDK exports
 * beside them (client, resources, operation types, runtime exports): models avoid those too, so
 * `index.ts` can re-export every model under the same name.
 */
export function withNamedModels(nodes: readonly ts.Node[], reserved: ReadonlySet<string>): NamedModels {
  const f = ts.factory;
  const taken = new Set([...reserved, ...GLOBAL_TYPES]);
  for (const node of nodes) {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && ts.isIdentifier(node.name)) taken.add(node.name.text);
  }
  const index = nodes.findIndex((n) => ts.isInterfaceDeclaration(n) && n.name.text === 'components');
  const components = nodes[index] as ts.InterfaceDeclaration | undefined;
  const schemas = components?.members.find(
    (m): m is ts.PropertySignature => ts.isPropertySignature(m) && memberKey(m.name) === 'schemas' && m.type !== undefined && ts.isTypeLiteralNode(m.type),
  );
  if (components === undefined || schemas === undefined) return { nodes: [...nodes], names: [] };
  const declarations: ts.Node[] = [];
  const names: string[] = [];
  const exportKeyword = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  const members = (schemas.type as ts.TypeLiteralNode).members.map((member) => {
    const key = ts.isPropertySignature(member) ? memberKey(member.name) : undefined;
    if (key === undefined || !ts.isPropertySignature(member) || member.type === undefined) return member;
    const name = modelName(key, taken);
    names.push(name);
    // The schema's JSDoc (description, @deprecated, ...) goes on the model too, for hovers.
    const docs = ts.getSyntheticLeadingComments(member);
    const declare = (type: ts.TypeNode): void => {
      const alias = f.createTypeAliasDeclaration(exportKeyword, name, undefined, type);
      if (docs !== undefined) ts.setSyntheticLeadingComments(alias, docs.map((c) => ({ ...c })));
      declarations.push(alias);
    };
    if (ts.isTypeLiteralNode(member.type)) {
      declare(member.type);
      return f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, f.createTypeReferenceNode(name));
    }
    const indexed = f.createIndexedAccessTypeNode(
      f.createIndexedAccessTypeNode(f.createTypeReferenceNode('components'), f.createLiteralTypeNode(f.createStringLiteral('schemas'))),
      f.createLiteralTypeNode(f.createStringLiteral(key)),
    );
    declare(indexed);
    return member;
  });
  const newSchemas = f.updatePropertySignature(schemas, schemas.modifiers, schemas.name, schemas.questionToken, f.updateTypeLiteralNode(schemas.type as ts.TypeLiteralNode, f.createNodeArray(members)));
  const newComponents = f.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    components.members.map((m) => (m === schemas ? newSchemas : m)),
  );
  const out = [...nodes];
  out.splice(index, 1, newComponents, ...declarations);
  return { nodes: out, names };
}
