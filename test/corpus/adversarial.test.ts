/**
 * Spec injection: test/fixtures/adversarial/openapi.json puts `*\/`, backticks, `${`, quotes,
 * newlines, `</script>`, U+2028/U+2029, `__proto__` and `constructor` into every name, description,
 * enum value and example, each payload trying to run `globalThis.pwned = ...` or declare
 * `pwnedExport`. The generated SDK must compile under strict settings, contain no code or JSDoc
 * tag that came from the spec, load without side effects, and send exactly the requests the spec
 * describes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/src/diagnostics.js';
import { clientName, generate, type GeneratedFile } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/index.js';
import type { ApiModel } from '../../generator/src/model.js';
import { normalize } from '../../generator/src/normalize/index.js';
import { validateSpec } from '../../generator/src/validate.js';
import { ROOT } from './corpus.js';

const SPEC = join(ROOT, 'test/fixtures/adversarial/openapi.json');
const OUT = join(ROOT, 'test/.tmp/adversarial');
const io = { read: (uri: string) => readFile(uri, 'utf8') };

let files: GeneratedFile[] = [];
let model: ApiModel;
let name: string;

beforeAll(async () => {
  const result = await generate(await loadSpec(SPEC, io), { checkSources: true });
  files = result.files;
  const spec = await loadSpec(SPEC, io);
  const diags = new Diagnostics();
  validateSpec(spec, diags);
  model = normalize(spec, diags);
  name = clientName(model, undefined);
  rmSync(OUT, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(dirname(join(OUT, 'sdk', file.path)), { recursive: true });
    writeFileSync(join(OUT, 'sdk', file.path), file.contents);
  }
}, 120_000);

function tsc(compiler: string, config: object): Promise<string> {
  const path = join(OUT, `tsconfig.${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, compiler), '-p', path, '--pretty', 'false'], { cwd: OUT }, (_error, stdout, stderr) => done(`${stdout}${stderr}`));
  });
}

const tsFiles = () => files.filter((f) => f.path.endsWith('.ts'));

describe('adversarial spec', () => {
  it('compiles under strict settings with TypeScript 5.9 (SDK) and 7 (mocks, with the DOM lib)', { timeout: 240_000 }, async () => {
    const sdk = await tsc('node_modules/typescript/bin/tsc', { extends: '../../generated/tsconfig.nodenext.json', include: ['sdk/**/*.ts'], exclude: ['sdk/mocks*.ts'] });
    expect(sdk).toBe('');
    const mocks = await tsc('node_modules/typescript7/bin/tsc', { extends: '../../generated/tsconfig.mocks.json', include: ['sdk/mocks*.ts'], exclude: [] });
    expect(mocks).toBe('');
  });

  it('contains no code from the spec: no payload identifier outside strings and comments', () => {
    const found: string[] = [];
    for (const file of tsFiles()) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, file.contents);
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        if (token === ts.SyntaxKind.Identifier && /^(globalThis|pwnedExport|pwnedType)$/.test(scanner.getTokenText())) {
          found.push(`${file.path}:${scanner.getTokenStart()} ${scanner.getTokenText()}`);
        }
        // Template literals are where `${` would execute: the generator never needs one with a spec value.
        if (token === ts.SyntaxKind.TemplateHead && /pwned/.test(scanner.getTokenText())) found.push(`${file.path}: template ${scanner.getTokenText()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('adds no JSDoc tag from spec text (nothing in the spec is deprecated, so not even @deprecated)', () => {
    const injected: string[] = [];
    for (const file of tsFiles()) {
      const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        for (const tag of ts.getJSDocTags(node)) {
          // Tags the emitters write themselves; any other tag name came from spec text.
          if (!['description', 'example', 'default', 'enum', 'format', 'param', 'see'].includes(tag.tagName.text)) {
            injected.push(`${file.path}: @${tag.tagName.text} ${String(tag.comment ?? '').slice(0, 60)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(injected).toEqual([]);
  });

  it('keeps U+2028/U+2029 out of string literals and `</script` out of the whole SDK', () => {
    for (const file of tsFiles()) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, file.contents);
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        if (token === ts.SyntaxKind.StringLiteral) expect(scanner.getTokenText(), file.path).not.toMatch(/[\u2028\u2029]/);
      }
    }
    const html = files.filter((f) => /<\/script/i.test(f.contents)).map((f) => f.path);
    expect(html).toEqual([]);
  });

  describe('at run time', () => {
    let server: Server;
    const seen: { method: string; url: string }[] = [];
    let baseUrl = '';

    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        seen.push({ method: req.method ?? '', url: req.url ?? '' });
        req.resume();
        if (req.method === 'DELETE') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"ok"}');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('loads without side effects and sends exactly the requests the spec describes', async () => {
      const g = globalThis as Record<string, unknown>;
      delete g['pwned'];
      const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const sdk = (await import(pathToFileURL(join(OUT, 'sdk/index.ts')).href)) as Record<string, unknown>;
      expect(g['pwned']).toBeUndefined();
      expect('pwnedExport' in sdk).toBe(false);
      const Client = sdk[name] as new (options: object) => Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
      expect(typeof Client).toBe('function');
      const client = new Client({ baseUrl, maxRetries: 0, cache: false, transport: 'fetch' });

      const want: string[] = [];
      for (const resource of model.resources) {
        for (const op of resource.operations) {
          const args = op.pathParams.map((p, i) => `arg${i}`);
          const method = client[resource.propertyName]?.[op.methodName];
          expect(typeof method, `${resource.propertyName}.${op.methodName}`).toBe('function');
          await method!.call(client[resource.propertyName], ...args, {});
          let path = op.path;
          op.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, `arg${i}`)));
          want.push(`${op.method} /base${path}`);
        }
      }
      expect(seen.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(want);
      expect(want.length).toBe(9);
      expect(g['pwned']).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      expect(({} as Record<string, unknown>)['kind']).toBeUndefined();
    });
  });
});

// The fixture itself must carry the payloads it claims to (a regression guard for the test's premise).
it('the adversarial fixture holds every payload kind', () => {
  const text = readFileSync(SPEC, 'utf8');
  for (const payload of ['*/', '`', '${', "'", '\\"', '\\n', '</script>', '\u2028', '\u2029', '"__proto__"', '"constructor"']) {
    expect(text, payload).toContain(payload);
  }
});
