/**
 * `resources/<fileName>.ts`: one class per resource, one thin method per operation. Each method is
 * a single call into the runtime with a module-level operation descriptor; its argument and result
 * types are indexed into openapi-typescript's `paths` (see `operation-types.ts`).
 */
import {
  Scope,
  StructureKind,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
} from 'ts-morph';
import type { ApiModel, OperationModel, ResourceModel } from '../model.js';
import { descriptorLiteral } from './descriptor.js';
import { docLines, EmitError, identifier, isIdentifierName } from './escape.js';
import { longRunningTypes, type LongRunningTypes } from './long-running.js';
import { operationTypes, type OperationTypes } from './operation-types.js';
import { headerComment, jsDoc, type SourcePrinter, type Statements } from './source-file.js';

/** Options shared by the client-code emitters. */
export interface EmitOptions {
  /** Module specifier of the runtime in generated imports. @default '@sdkgen/runtime' */
  runtimeImport: string;
}

/** One generated file. */
export interface GeneratedFile {
  /** POSIX path relative to the output directory, e.g. `resources/pets.ts`. */
  path: string;
  contents: string;
}

/** Exported type names of one resource file, for the index re-exports. */
export interface ResourceExports {
  className: string;
  fileName: string;
  typeNames: string[];
}

/** Name of the module-level descriptor const: `ListPets` -> `listPetsOp`. */
export function descriptorName(op: OperationModel): string {
  return `${op.typeName.charAt(0).toLowerCase()}${op.typeName.slice(1)}Op`;
}

function methodDocs(op: OperationModel): string[] {
  const lines: string[] = [];
  const summary = docLines(op.summary ?? '');
  const description = docLines(op.description ?? '');
  lines.push(...summary);
  if (description.length > 0 && description.join('\n') !== summary.join('\n')) {
    if (lines.length > 0) lines.push('');
    lines.push(...description);
  }
  const tags: string[] = [];
  for (const p of op.pathParams) {
    const text = docLines(p.description ?? '').join(' ');
    if (text !== '') tags.push(`@param ${p.argName} ${text}`);
  }
  if (op.deprecated) tags.push('@deprecated');
  if (tags.length > 0 && lines.length > 0) lines.push('');
  return [...lines, ...tags];
}

function operationStatements(op: OperationModel, types: OperationTypes, className: string, lro: LongRunningTypes | undefined): Statements {
  const link = `{@link ${className}.${op.methodName}}`;
  const statements: Statements = [
    { kind: StructureKind.TypeAlias, name: types.opAlias, type: types.opType },
  ];
  if (types.paramsName !== undefined && types.paramsType !== undefined) {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: types.paramsName,
      type: types.paramsType,
      docs: jsDoc([`Parameters of ${link}.`]),
    });
  }
  if (types.itemName !== undefined && types.itemType !== undefined) {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: types.itemName,
      type: types.itemType,
      docs: jsDoc([`One item of ${link}'s pages.`]),
    });
  }
  if (types.problemName !== undefined && types.problemType !== undefined && types.errorName !== undefined) {
    statements.push(
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: types.problemName,
        type: types.problemType,
        docs: jsDoc([`Problem details (RFC 9457) or error body ${link} may fail with, from the spec's error responses.`]),
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: types.errorName,
        type: `ApiError<${types.problemName}>`,
        docs: jsDoc([
          `What ${link} throws for a non-2xx response, with \`problem\` typed from the spec.`,
          `Narrow with \`instanceof NotFoundError\` (etc.) or \`isProblem(error, typeUri)\`.`,
        ]),
      },
    );
  }
  statements.push(
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: types.responseName,
      type: types.responseType,
      docs: jsDoc([`Result of ${link}.`]),
    },
    ...(lro === undefined ? [] : longRunningStatements(lro, link)),
    // A plain string: ts-morph would re-indent a multi-line initializer as a hanging continuation.
    `const ${descriptorName(op)}: OperationDescriptor = ${descriptorLiteral(op)};`,
  );
  return statements;
}

/** `XStatus` and `XResult`: the type arguments of a long-running operation's `Poller`. */
function longRunningStatements(lro: LongRunningTypes, link: string): Statements {
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: lro.statusName,
      type: lro.statusType,
      docs: jsDoc([`Status of the long-running operation ${link} starts (\`poller.status\`, \`await poller.wait()\`).`]),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: lro.resultName,
      type: lro.resultType,
      docs: jsDoc([`What \`await poller.result()\` gives for ${link}: the resource its result link points at.`]),
    },
  ];
}

/** Names every object literal has through Object.prototype (`constructor`, `toString`, ...). */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

function method(op: OperationModel, types: OperationTypes, lro: LongRunningTypes | undefined): OptionalKind<MethodDeclarationStructure> {
  if (!isIdentifierName(op.methodName)) throw new EmitError(`Invalid method name: ${JSON.stringify(op.methodName)}`);
  const argNames = op.pathParams.map((p) => identifier(p.argName, 'path parameter name'));
  // Path arguments come from the spec; keep the trailing parameters from shadowing one of them.
  const paramsName = argNames.includes('params') ? 'requestParams' : 'params';
  const optionsName = argNames.includes('options') ? 'requestOptions' : 'options';
  const parameters: OptionalKind<ParameterDeclarationStructure>[] = argNames.map((name, i) => ({
    name,
    type: types.pathArgTypes[i]!,
  }));
  if (types.paramsName !== undefined) {
    // `{}` has Object.prototype's members, so a params type with a key such as `constructor`
    // rejects a `= {}` default (TS2322); such methods take an optional argument instead.
    const fields = [...op.queryParams, ...op.headerParams, ...op.cookieParams].map((p) => p.name).concat(op.requestBody?.propertyNames ?? []);
    const optional = fields.some((f) => OBJECT_MEMBERS.has(f)) ? { hasQuestionToken: true } : { initializer: '{}' };
    parameters.push({ name: paramsName, type: types.paramsName, ...(types.paramsOptional ? optional : {}) });
  }
  const paged = types.itemName !== undefined;
  parameters.push({ name: optionsName, type: paged ? 'PageRequestOptions' : 'RequestOptions', hasQuestionToken: true });
  const args = `${descriptorName(op)}, [${argNames.join(', ')}], ${types.paramsName !== undefined ? paramsName : 'undefined'}, ${optionsName}`;
  return {
    name: op.methodName,
    docs: jsDoc(methodDocs(op)),
    parameters,
    returnType: paged
      ? `PagePromise<${types.itemName}, ${types.paramsName ?? 'undefined'}>`
      : lro !== undefined
        ? `APIPromise<Poller<${lro.statusName}, ${lro.resultName}>>`
        : `APIPromise<${types.responseName}>`,
    statements: [
      paged
        ? `return this._client.requestPage(${args});`
        : lro !== undefined
          ? `return this._client.requestOperation<${lro.statusName}, ${lro.resultName}>(${args});`
          : `return this._client.request(${args});`,
    ],
  };
}

/** Emits `resources/<fileName>.ts` for one resource. */
export function emitResource(
  model: ApiModel,
  resource: ResourceModel,
  options: EmitOptions,
  printer: SourcePrinter,
): { file: GeneratedFile; exports: ResourceExports } {
  const className = identifier(resource.className, 'resource class name', 'type');
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(resource.fileName) || resource.fileName.includes('..')) {
    throw new EmitError(`Invalid resource file name: ${JSON.stringify(resource.fileName)}`);
  }
  const allTypes = resource.operations.map(operationTypes);
  const allLro = resource.operations.map((op) => longRunningTypes(op, op.typeName));
  const paged = allTypes.some((t) => t.itemName !== undefined);
  const unpaged = allTypes.some((t) => t.itemName === undefined);
  // Import only what the file uses: unused imports fail `noUnusedLocals` in users' projects.
  const withProblems = allTypes.some((t) => t.errorName !== undefined);
  const runtimeTypes = [
    ...(unpaged ? ['APIPromise'] : []),
    ...(withProblems ? ['ApiError'] : []),
    'BaseClient',
    'OperationDescriptor',
    ...(paged ? ['PagePromise', 'PageRequestOptions'] : []),
    ...(allLro.some((l) => l !== undefined) ? ['Poller'] : []),
    ...(unpaged ? ['RequestOptions'] : []),
  ];
  const head: Statements = [
    headerComment(model.title, model.version),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: runtimeTypes, moduleSpecifier: options.runtimeImport },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ['paths'], moduleSpecifier: '../types.js' },
  ];
  const statements: Statements = [];
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];
  const typeNames: string[] = [];
  const taken = new Set([...runtimeTypes, 'paths', className]);
  for (const [i, op] of resource.operations.entries()) {
    const types = allTypes[i]!;
    const lro = allLro[i];
    for (const name of [types.opAlias, types.paramsName, types.itemName, types.problemName, types.errorName, types.responseName, lro?.statusName, lro?.resultName, descriptorName(op)]) {
      if (name === undefined) continue;
      if (taken.has(name)) throw new EmitError(`Name ${name} is declared twice in resources/${resource.fileName}.ts`);
      taken.add(name);
    }
    if (types.paramsName !== undefined) typeNames.push(types.paramsName);
    if (types.itemName !== undefined) typeNames.push(types.itemName);
    if (types.problemName !== undefined) typeNames.push(types.problemName);
    if (types.errorName !== undefined) typeNames.push(types.errorName);
    typeNames.push(types.responseName);
    if (lro !== undefined) typeNames.push(lro.statusName, lro.resultName);
    statements.push(...operationStatements(op, types, className, lro));
    methods.push(method(op, types, lro));
  }
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: className,
    docs: jsDoc(docLines(resource.description ?? '')),
    properties: [{ name: '_client', scope: Scope.Protected, isReadonly: true, type: 'BaseClient' }],
    ctors: [{ parameters: [{ name: 'client', type: 'BaseClient' }], statements: ['this._client = client;'] }],
    methods,
  });
  const path = `resources/${resource.fileName}.ts`;
  return {
    file: { path, contents: printer.print(path, head, statements) },
    exports: { className, fileName: resource.fileName, typeNames },
  };
}

/** Module specifier of a resource file from the output root: `./resources/pets.js`. */
export function resourceModule(fileName: string): string {
  return `./resources/${fileName}.js`;
}
