/**
 * `README.md`: how to use this SDK, generated from the model: installing the runtime, creating the
 * client, one example call per resource, the method table, errors and per-call options.
 * Spec text is escaped for Markdown (no HTML injection); code samples only contain identifiers
 * the emitters already validated and string literals escaped by `stringLiteral`.
 */
import type { ApiModel, OperationModel, ResourceModel } from '../model.js';
import { markdownInline, markdownText } from './escape.js';
import { exampleArguments, SHORT_CALL } from './readme-example.js';
import { functionNames, type EmitOptions, type GeneratedFile } from './resource.js';

function constantCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** An operation of a resource and example arguments of the right types for it. */
interface Example {
  op: OperationModel;
  args: string[];
}

/**
 * The call a resource's example shows: its first GET whose arguments can be given values of the
 * right types in one short line, else any other such operation (GETs first), else none.
 */
function exampleFor(document: object, resource: ResourceModel): Example | undefined {
  const candidates = [...resource.operations.filter((op) => op.method === 'GET'), ...resource.operations.filter((op) => op.method !== 'GET')];
  let fallback: Example | undefined;
  for (const op of candidates) {
    const args = exampleArguments(document, op);
    if (args === undefined) continue;
    const example = { op, args };
    if (exampleCall(resource, example).length <= SHORT_CALL) return example;
    fallback ??= example;
  }
  return fallback;
}

function exampleCall(resource: ResourceModel, { op, args }: Example): string {
  return `const ${resource.propertyName}Result = await client.${resource.accessor}.${op.methodName}(${args.join(', ')});`;
}

function credentialLines(model: ApiModel, name: string): string[] {
  const lines: string[] = [];
  for (const s of model.securitySchemes) {
    const flows = s.type === 'bearer' && s.oauth2 !== undefined ? s.oauth2 : undefined;
    // With client credentials, the id and secret are what the app holds, not a token.
    const options =
      s.type === 'basic'
        ? [s.usernameOption, s.passwordOption]
        : flows?.clientCredentials !== undefined
          ? [flows.clientIdOption, flows.clientSecretOption]
          : [s.option];
    for (const option of options) {
      const line = `  ${option}: process.env.${constantCase(`${name}_${option}`)},`;
      if (!lines.includes(line)) lines.push(line);
    }
  }
  return lines;
}

/** The constructor's options: the spec's credential options, and `baseUrl` when it names no server. */
function constructorMembers(model: ApiModel, name: string): string[] {
  return [...(model.servers.length === 0 ? ["  baseUrl: 'https://api.example.com',"] : []), ...credentialLines(model, name)];
}

/** `const client = new <className>(...)`, without an empty options object. */
function constructorLines(model: ApiModel, name: string, className: string): string[] {
  const members = constructorMembers(model, name);
  return members.length === 0 ? [`const client = new ${className}();`] : [`const client = new ${className}({`, ...members, '});'];
}

/** How each credential option is sent, in words. */
function authSentence(model: ApiModel): string {
  return model.securitySchemes
    .map((s) => {
      if (s.type === 'apiKey') return `\`${s.option}\` is sent in the ${s.in} \`${markdownInline(s.name).replace(/`/g, '')}\``;
      if (s.type === 'basic') return `\`${s.usernameOption}\` and \`${s.passwordOption}\` are sent as HTTP basic authentication`;
      const token = `\`${s.option}\` (a string, or a function returning one) is sent as \`Authorization: Bearer <token>\``;
      const flows = s.oauth2;
      return flows?.clientCredentials !== undefined ? `${token}, or \`${flows.clientIdOption}\` and \`${flows.clientSecretOption}\` get one from the token endpoint` : token;
    })
    .join('; ');
}

function installLines(options: EmitOptions): string[] {
  if (options.packageName !== undefined) {
    return [
      'A compiled ESM package with type declarations; it depends on the sdkgen runtime (retries, idempotency keys,',
      'pagination, ETag cache, typed errors), which npm installs with it:',
      '',
      '```sh',
      `npm install ${options.packageName}`,
      '```',
    ];
  }
  return [
    'The SDK is plain TypeScript on top of the sdkgen runtime (retries, idempotency keys, pagination, ETag cache, typed errors):',
    '',
    '```sh',
    options.runtimeImport === '@sdkgen/runtime'
      ? 'npm install @sdkgen/runtime   # or, from a clone of sdkgen: npm install <sdkgen>/runtime'
      : `npm install ${options.runtimeImport}`,
    '```',
    '',
    'Put this folder next to your code and import it (TypeScript with `moduleResolution` `NodeNext` or `Bundler`).',
  ];
}

/** The standalone functions: one per operation, for apps that bundle only what they call. */
function standaloneLines(model: ApiModel, name: string, options: EmitOptions, document: object): string[] {
  let resource: ResourceModel | undefined;
  let example: Example | undefined;
  for (const r of model.resources) {
    example = exampleFor(document, r);
    resource = r;
    if (example !== undefined) break;
  }
  if (resource === undefined || example === undefined) return [];
  const { op } = example;
  const fn = functionNames(model).get(op)!;
  const funcs = options.packageName !== undefined ? `${options.packageName}/funcs` : './sdk/funcs.js';
  const core = options.packageName !== undefined ? `${options.packageName}/core` : './sdk/core.js';
  const args = ['client', ...example.args];
  return [
    '## Standalone functions',
    '',
    `Every method is also a function that takes the client first (\`client.${resource.propertyName}.${op.methodName}(...)\` is`,
    `\`${fn}(client, ...)\`). With \`${name}Core\` (the client without resource namespaces, same options) a bundler keeps`,
    'only the operations an app calls:',
    '',
    '```ts',
    `import { ${name}Core } from '${core}';`,
    `import { ${fn} } from '${funcs}';`,
    '',
    ...constructorLines(model, name, `${name}Core`),
    `const result = await ${fn}(${args.join(', ')});`,
    '```',
    '',
  ];
}

/** The webhooks section: which webhooks the API sends and how to verify and type one (docs/webhooks.md). */
function webhookLines(model: ApiModel, from: string): string[] {
  const names = [...new Set((model.webhooks ?? []).map((h) => h.name))];
  if (names.length === 0) return [];
  return [
    '## Webhooks',
    '',
    `The API sends ${names.length === 1 ? 'this webhook' : 'these webhooks'}: ${names.map((n) => `\`${markdownInline(n).replace(/`/g, '')}\``).join(', ')}.`,
    '`unwrapWebhook` verifies the signature (Standard Webhooks by default; `scheme` selects `stripe`, `github` or',
    'your own header) and the timestamp before it parses anything, then returns the typed `WebhookEvent` union.',
    'Pass the raw body exactly as received; a bad signature or a stale timestamp throws `WebhookVerificationError`.',
    '',
    '```ts',
    `import { unwrapWebhook, WebhookVerificationError, type WebhookEvent } from '${from}';`,
    '',
    'export async function onWebhook(rawBody: string, headers: Headers, secret: string): Promise<WebhookEvent | undefined> {',
    '  try {',
    '    return await unwrapWebhook(rawBody, headers, { secret });',
    '  } catch (error) {',
    '    if (error instanceof WebhookVerificationError) return undefined; // answer 400: not from the API, or replayed',
    '    throw error;',
    '  }',
    '}',
    '```',
    '',
  ];
}

/**
 * Emits `README.md`. `document` is the bundled spec the example values come from (its examples,
 * else values synthesized from its schemas).
 */
export function emitReadme(model: ApiModel, name: string, options: EmitOptions, document: object = {}): GeneratedFile {
  // Only validated npm names reach here (options.ts), so they need no escaping in code samples.
  const from = options.packageName ?? './sdk/index.js';
  const title = markdownInline(model.title);
  const out: string[] = [`# ${title} TypeScript SDK`, ''];
  if (model.description !== undefined && model.description.trim() !== '') out.push(markdownText(model.description.trim()), '');
  out.push(
    `Generated by sdkgen from ${title} ${markdownInline(model.version)}. ` +
      'Do not edit these files by hand: change the spec and run `sdkgen generate` again.',
    '',
    '## Install',
    '',
    ...installLines(options),
    '',
    '## Use',
    '',
    '```ts',
    `import { ${name} } from '${from}';`,
    '',
    ...constructorLines(model, name, name),
    '',
  );
  for (const resource of model.resources) {
    const example = exampleFor(document, resource);
    if (example !== undefined) out.push(exampleCall(resource, example));
  }
  out.push('```', '');
  if (model.servers.length > 0) {
    out.push(`The default base URL is \`${markdownInline(model.servers[0]!.url)}\`; pass \`baseUrl\` to use another.`, '');
  } else {
    out.push('The API description names no server: `baseUrl` is required.', '');
  }
  if (model.securitySchemes.length === 0) {
    out.push('The API description declares no authentication. To send credentials anyway, pass them in `defaultHeaders` (e.g. `{ authorization: \'Bearer <token>\' }`).', '');
  } else {
    out.push(`Credentials: ${authSentence(model)}. Every option is optional: a request sent without the credentials it needs gets the server's 401 as \`AuthenticationError\`.`, '');
  }
  out.push('## Resources', '');
  for (const resource of model.resources) {
    out.push(`### \`client.${resource.accessor}\``, '');
    if (resource.description !== undefined && resource.description.trim() !== '') {
      out.push(markdownText(resource.description.trim()), '');
    }
    out.push('| method | HTTP | summary |', '| --- | --- | --- |');
    for (const op of resource.operations) {
      const summary = markdownInline(op.summary ?? op.description?.split('\n')[0] ?? '');
      const deprecated = op.deprecated ? ' (deprecated)' : '';
      out.push(`| \`${op.methodName}\` | \`${op.method} ${markdownInline(op.path).replace(/`/g, '')}\` | ${summary}${deprecated} |`);
    }
    out.push('');
  }
  out.push(...webhookLines(model, from));
  out.push(
    '## Errors',
    '',
    'Every non-2xx response throws an `ApiError` (with `status`, `headers`, `body` and `requestId`) or one of its',
    'subclasses: `BadRequestError` (400), `AuthenticationError` (401), `PermissionDeniedError` (403), `NotFoundError` (404),',
    '`ConflictError` (409), `PreconditionFailedError` (412), `UnprocessableEntityError` (422), `RateLimitError` (429),',
    '`InternalServerError` (5xx). Without a response: `ConnectionError`, `TimeoutError`, `AbortError`.',
    'RFC 9457 problem details (`application/problem+json`) are in `error.problem`.',
    '',
    '```ts',
    `import { ApiError, NotFoundError } from '${from}';`,
    '',
    'try {',
    '  // ... a call',
    '} catch (error) {',
    '  if (error instanceof NotFoundError) console.log(error.status, error.body);',
    '  else if (error instanceof ApiError) console.log(error.status, error.requestId);',
    '  else throw error;',
    '}',
    '```',
    '',
    '## Per-call options',
    '',
    'Every method takes `RequestOptions` last: `signal`, `timeout`, `maxRetries`, `headers`, `idempotencyKey`, `ifMatch`, `cache`.',
    'Calls return an `APIPromise`: `await` it for the data, or call `.withResponse()` for the status and headers too.',
    '',
  );
  out.push(...standaloneLines(model, name, options, document));
  return { path: 'README.md', contents: out.join('\n') };
}
