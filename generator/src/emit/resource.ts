/**
 * `resources/<fileName>.ts`: one standalone function per operation (`petsGet(client, petId)`, a
 * single call into the runtime with a module-level operation descriptor) and one class per
 * resource whose methods call those functions. Argument and result types are indexed into
 * openapi-typescript's `paths` (see `operation-types.ts`). `funcs.ts` re-exports the functions:
 * a bundler keeps only the ones an app calls, and a class only when the app uses it.
 */
import {
  Scope,
  StructureKind,
  type FunctionDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
} from 'ts-morph';
import type { ApiModel, OperationModel, ResourceModel } from '../model.js';
import { DESCRIPTOR_PARTS, descriptorLiteral, descriptorParts } from './descriptor.js';
import { docLines, EmitError, identifier, isIdentifierName } from './escape.js';
import { longRunningTypes, type LongRunningTypes } from './long-running.js';
import { operationTypes, type OperationTypes } from './operation-types.js';
import { headerComment, jsDoc, type SourcePrinter, type Statements } from './source-file.js';

/** Options shared by the client-code emitters. */
export interface EmitOptions {
  /** Module specifier of the runtime in generated imports. @default '@sdkgen/runtime' */
  runtimeImport: string;
  /** `--package`: the npm name the SDK is published under (the README imports from it). */
  packageName?: string;
}

/** One generated file. */
export interface GeneratedFile {
  /** POSIX path relative to the output directory, e.g. `resources/pets.ts`. */
  path: string;
  contents: string;
}

/** Exported names of one resource file, for the index and funcs re-exports. */
export interface ResourceExports {
  className: string;
  fileName: string;
  typeNames: string[];
  /** The standalone operation functions (`petsGet`), in operation order. */
  functionNames: string[];
}

/**
 * Name of an operation's standalone function: resource property + method name (`pets` + `get`
 * -> `petsGet`), unique across the SDK (funcs.ts exports them all side by side) and apart from
 * every name in `taken`; a clash gets a numeric suffix, in model order, so names stay stable.
 */
export function functionNames(model: ApiModel): Map<OperationModel, string> {
  const names = new Map<OperationModel, string>();
  // The runtime values resource files import (pagination, polling, body encoders, the stream
  // reader), and every descriptor const: an operation `form.body` must not become `formBody`.
  const used = new Set<string>(['requestPage', 'requestOperation', ...DESCRIPTOR_PARTS, 'paths', ...model.resources.flatMap((r) => r.operations.map(descriptorName))]);
  for (const resource of model.resources) {
    for (const op of resource.operations) {
      const base = `${resource.propertyName}${op.methodName.charAt(0).toUpperCase()}${op.methodName.slice(1)}`;
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base}${i}`;
      used.add(name);
      names.set(op, name);
    }
  }
  return names;
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
  if (types.streamItemName !== undefined && types.streamItemType !== undefined) {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: types.streamItemName,
      type: types.streamItemType,
      docs: jsDoc([`One item of ${link}'s stream.`]),
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
        type: types.errorType ?? `ApiError<${types.problemName}>`,
        docs: jsDoc([
          `What ${link} throws for a non-2xx response, with \`problem\` typed from the spec per status:`,
          `\`if (error.status === 404)\` narrows \`error.problem\` to the 404 response's schema. Also narrow with`,
          `\`instanceof NotFoundError\` (etc.) or \`isProblem(error, typeUri)\`.`,
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

/** Parameter names of an operation's function and method, kept apart from its path arguments. */
interface CallNames {
  args: string[];
  params: string;
  options: string;
  client: string;
}

function callNames(op: OperationModel): CallNames {
  const args = op.pathParams.map((p) => identifier(p.argName, 'path parameter name'));
  // Path arguments come from the spec; keep the other parameters from shadowing one of them.
  return {
    args,
    params: args.includes('params') ? 'requestParams' : 'params',
    options: args.includes('options') ? 'requestOptions' : 'options',
    client: args.includes('client') ? 'sdkClient' : 'client',
  };
}

/** The parameters after the client: path arguments, params object, request options. */
function callParameters(op: OperationModel, types: OperationTypes, names: CallNames): OptionalKind<ParameterDeclarationStructure>[] {
  const parameters: OptionalKind<ParameterDeclarationStructure>[] = names.args.map((name, i) => ({
    name,
    type: types.pathArgTypes[i]!,
  }));
  if (types.paramsName !== undefined) {
    // `{}` has Object.prototype's members, so a params type with a key such as `constructor`
    // rejects a `= {}` default (TS2322); such operations take an optional argument instead.
    const fields = [...op.queryParams, ...op.headerParams, ...op.cookieParams].map((p) => p.name).concat(op.requestBody?.propertyNames ?? []);
    const optional = fields.some((f) => OBJECT_MEMBERS.has(f)) ? { hasQuestionToken: true } : { initializer: '{}' };
    parameters.push({ name: names.params, type: types.paramsName, ...(types.paramsOptional ? optional : {}) });
  }
  const paged = types.itemName !== undefined;
  parameters.push({ name: names.options, type: paged ? 'PageRequestOptions' : 'RequestOptions', hasQuestionToken: true });
  return parameters;
}

function returnType(types: OperationTypes, lro: LongRunningTypes | undefined): string {
  if (types.itemName !== undefined) return `PagePromise<${types.itemName}, ${types.paramsName ?? 'undefined'}>`;
  if (lro !== undefined) return `APIPromise<Poller<${lro.statusName}, ${lro.resultName}>>`;
  return `APIPromise<${types.responseName}>`;
}

/** The runtime call of an operation's function. */
function runtimeCall(types: OperationTypes, lro: LongRunningTypes | undefined, client: string, args: string): string {
  if (types.itemName !== undefined) return `return requestPage(${client}, ${args});`;
  if (lro !== undefined) return `return requestOperation<${lro.statusName}, ${lro.resultName}>(${client}, ${args});`;
  return `return ${client}.request(${args});`;
}

/**
 * An operation that answers JSON or a stream (docs/streams.md): `{ stream: true }` gives
 * `APIPromise<Stream<Item>>`, anything else the JSON result; a third signature takes a params
 * object whose `stream` is only known to be a boolean. `undefined` for other operations.
 */
function streamOverloads(
  types: OperationTypes,
  parameters: OptionalKind<ParameterDeclarationStructure>[],
): { overloads: { parameters: OptionalKind<ParameterDeclarationStructure>[]; returnType: string }[]; parameters: OptionalKind<ParameterDeclarationStructure>[]; returnType: string } | undefined {
  if (types.streamSelect === undefined || types.streamItemName === undefined || types.paramsName === undefined || types.itemName !== undefined) return undefined;
  const stream = `Stream<${types.streamItemName}>`;
  const [params, options] = parameters.slice(-2) as [OptionalKind<ParameterDeclarationStructure>, OptionalKind<ParameterDeclarationStructure>];
  const before = parameters.slice(0, -2);
  const optional = types.paramsOptional ? { hasQuestionToken: true } : {};
  // The body's own `stream` field may be typed as required (a `default` makes openapi-typescript
  // mark it so): the overloads replace it rather than intersect with it.
  const rest = types.streamSelect === 'field' ? `Omit<${types.paramsName}, 'stream'>` : types.paramsName;
  const either = types.streamSelect === 'field' ? `${rest} & { stream?: boolean | null | undefined }` : types.paramsName;
  const signature = (paramsType: string, result: string, paramsOptional: boolean) => ({
    parameters: [...before, { name: params.name, type: paramsType, ...(paramsOptional ? optional : {}) }, options],
    returnType: `APIPromise<${result}>`,
  });
  return {
    overloads: [
      signature(`${rest} & { stream: true }`, stream, false),
      signature(`${rest} & { stream?: false | null | undefined }`, types.responseName, true),
      signature(either, `${types.responseName} | ${stream}`, true),
    ],
    parameters: [...before, { ...params, type: either }, options],
    returnType: `APIPromise<${types.responseName} | ${stream}>`,
  };
}

/** `export function petsGet(client, petId, options?)`: the operation as one runtime call. */
function operationFunction(
  op: OperationModel,
  types: OperationTypes,
  lro: LongRunningTypes | undefined,
  name: string,
  link: string,
): OptionalKind<FunctionDeclarationStructure> {
  const names = callNames(op);
  const args = `${descriptorName(op)}, [${names.args.join(', ')}], ${types.paramsName !== undefined ? names.params : 'undefined'}, ${names.options}`;
  const docs = methodDocs(op);
  const parameters = [{ name: names.client, type: 'CoreClient' }, ...callParameters(op, types, names)];
  const overloaded = streamOverloads(types, parameters);
  const functionDocs = jsDoc([...docs, ...(docs.length > 0 ? [''] : []), `Standalone form of ${link}: takes the client (or its \`Core\`) first.`]);
  return {
    name,
    isExported: true,
    docs: functionDocs,
    parameters,
    returnType: returnType(types, lro),
    ...(overloaded === undefined ? {} : { ...overloaded, overloads: overloaded.overloads.map((o) => ({ ...o, docs: functionDocs })) }),
    statements: [runtimeCall(types, lro, names.client, args)],
  };
}

/** The resource method: the same signature minus the client, calling the function. */
function method(op: OperationModel, types: OperationTypes, lro: LongRunningTypes | undefined, functionName: string): OptionalKind<MethodDeclarationStructure> {
  if (!isIdentifierName(op.methodName)) throw new EmitError(`Invalid method name: ${JSON.stringify(op.methodName)}`);
  const names = callNames(op);
  const args = [...names.args, ...(types.paramsName !== undefined ? [names.params] : []), names.options];
  const docs = jsDoc(methodDocs(op));
  const parameters = callParameters(op, types, names);
  const overloaded = streamOverloads(types, parameters);
  return {
    name: op.methodName,
    docs,
    parameters,
    returnType: returnType(types, lro),
    ...(overloaded === undefined ? {} : { ...overloaded, overloads: overloaded.overloads.map((o) => ({ ...o, docs })) }),
    statements: [`return ${functionName}(this._client, ${args.join(', ')});`],
  };
}

/** Emits `resources/<fileName>.ts` for one resource. */
export function emitResource(
  model: ApiModel,
  resource: ResourceModel,
  options: EmitOptions,
  printer: SourcePrinter,
  functions: ReadonlyMap<OperationModel, string> = functionNames(model),
): { file: GeneratedFile; exports: ResourceExports } {
  const className = identifier(resource.className, 'resource class name', 'type');
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(resource.fileName) || resource.fileName.includes('..')) {
    throw new EmitError(`Invalid resource file name: ${JSON.stringify(resource.fileName)}`);
  }
  const allTypes = resource.operations.map(operationTypes);
  const allLro = resource.operations.map((op) => longRunningTypes(op, op.typeName));
  const longRunning = allLro.some((l) => l !== undefined);
  const paged = allTypes.some((t) => t.itemName !== undefined);
  const unpaged = allTypes.some((t) => t.itemName === undefined);
  // Import only what the file uses: unused imports fail `noUnusedLocals` in users' projects.
  const withProblems = allTypes.some((t) => t.errorName !== undefined);
  const statusTypes = new Set(allTypes.flatMap((t) => t.errorStatusTypes ?? []));
  const streams = allTypes.some((t) => t.streamItemName !== undefined);
  const runtimeTypes = [
    ...(unpaged ? ['APIPromise'] : []),
    'CoreClient',
    ...[...statusTypes].filter((t) => t !== 'ProblemDetails'),
    'OperationDescriptor',
    ...(paged ? ['PagePromise', 'PageRequestOptions'] : []),
    ...(longRunning ? ['Poller'] : []),
    ...(statusTypes.has('ProblemDetails') ? ['ProblemDetails'] : []),
    ...(unpaged ? ['RequestOptions'] : []),
    ...(withProblems ? ['StatusError'] : []),
    ...(streams ? ['Stream'] : []),
  ];
  // The runtime parts the descriptors name (body encoders, the stream reader), imported as values.
  const parts = new Set(resource.operations.flatMap((op) => Object.values(descriptorParts(op)).filter((p): p is string => p !== undefined)));
  const runtimeValues = [
    ...DESCRIPTOR_PARTS.filter((p) => parts.has(p)),
    ...(longRunning ? ['requestOperation'] : []),
    ...(paged ? ['requestPage'] : []),
  ].sort();
  const head: Statements = [
    headerComment(model.title, model.version),
    ...(runtimeValues.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, namedImports: runtimeValues, moduleSpecifier: options.runtimeImport }] : []),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: runtimeTypes, moduleSpecifier: options.runtimeImport },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ['paths'], moduleSpecifier: '../types.js' },
  ];
  const children = resource.children ?? [];
  for (const child of children) {
    head.push({ kind: StructureKind.ImportDeclaration, namedImports: [identifier(child.className, 'resource class name', 'type')], moduleSpecifier: `./${child.fileName}.js` });
  }
  const statements: Statements = [];
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];
  const typeNames: string[] = [];
  const functionNamesOut: string[] = [];
  const taken = new Set([...runtimeTypes, 'paths', 'requestPage', 'requestOperation', ...parts, className, ...children.map((c) => c.className)]);
  for (const [i, op] of resource.operations.entries()) {
    const types = allTypes[i]!;
    const lro = allLro[i];
    const fn = identifier(functions.get(op) ?? '', 'operation function name');
    for (const name of [types.opAlias, types.paramsName, types.itemName, types.streamItemName, types.problemName, types.errorName, types.responseName, lro?.statusName, lro?.resultName, descriptorName(op), fn]) {
      if (name === undefined) continue;
      if (taken.has(name)) throw new EmitError(`Name ${name} is declared twice in resources/${resource.fileName}.ts`);
      taken.add(name);
    }
    if (types.paramsName !== undefined) typeNames.push(types.paramsName);
    if (types.itemName !== undefined) typeNames.push(types.itemName);
    if (types.streamItemName !== undefined) typeNames.push(types.streamItemName);
    if (types.problemName !== undefined) typeNames.push(types.problemName);
    if (types.errorName !== undefined) typeNames.push(types.errorName);
    typeNames.push(types.responseName);
    if (lro !== undefined) typeNames.push(lro.statusName, lro.resultName);
    statements.push(...operationStatements(op, types, className, lro));
    statements.push({ kind: StructureKind.Function, ...operationFunction(op, types, lro, fn, `{@link ${className}.${op.methodName}}`) });
    functionNamesOut.push(fn);
    methods.push(method(op, types, lro, fn));
  }
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: className,
    docs: jsDoc(docLines(resource.description ?? '')),
    properties: [
      { name: '_client', scope: Scope.Protected, isReadonly: true, type: 'CoreClient' },
      // OpenAPI 3.2 nested tags: `client.projects.members`.
      ...children.map((c) => {
        if (!isIdentifierName(c.propertyName)) throw new EmitError(`Invalid nested resource name: ${JSON.stringify(c.propertyName)}`);
        return { name: c.propertyName, isReadonly: true, type: c.className, docs: jsDoc(docLines(c.description ?? '')) };
      }),
    ],
    ctors: [
      {
        parameters: [{ name: 'client', type: 'CoreClient' }],
        statements: ['this._client = client;', ...children.map((c) => `this.${c.propertyName} = new ${c.className}(client);`)],
      },
    ],
    methods,
  });
  const path = `resources/${resource.fileName}.ts`;
  return {
    file: { path, contents: printer.print(path, head, statements) },
    exports: { className, fileName: resource.fileName, typeNames, functionNames: functionNamesOut },
  };
}

/** Module specifier of a resource file from the output root: `./resources/pets.js`. */
export function resourceModule(fileName: string): string {
  return `./resources/${fileName}.js`;
}
