import { describe, expect, it } from 'vitest';
import {
  camelCase, closestNames, isIdentifierName, isValidIdentifier, kebabCase, pascalCase, plural, safeIdentifier, singular, splitWords, uniqueName,
} from '../../generator/src/naming.js';

describe('splitWords', () => {
  const table: { given: string; want: string[] }[] = [
    { given: 'getPetById', want: ['get', 'Pet', 'By', 'Id'] },
    { given: 'repos/get-content', want: ['repos', 'get', 'content'] },
    { given: 'HTTPServer_v2', want: ['HTTP', 'Server', 'v2'] },
    { given: '  __x-- ', want: ['x'] },
    { given: 'user-id', want: ['user', 'id'] },
    { given: 'ÜberCafé', want: ['Über', 'Café'] },
    { given: '', want: [] },
  ];
  it.each(table)('$given', ({ given, want }) => expect(splitWords(given)).toEqual(want));
});

describe('case conversions', () => {
  const table: { given: string; camel: string; pascal: string; kebab: string }[] = [
    { given: 'list pets', camel: 'listPets', pascal: 'ListPets', kebab: 'list-pets' },
    { given: 'repos/get-content', camel: 'reposGetContent', pascal: 'ReposGetContent', kebab: 'repos-get-content' },
    { given: 'X-Request-ID', camel: 'xRequestId', pascal: 'XRequestId', kebab: 'x-request-id' },
    { given: 'issueComments', camel: 'issueComments', pascal: 'IssueComments', kebab: 'issue-comments' },
    { given: 'code_scanning', camel: 'codeScanning', pascal: 'CodeScanning', kebab: 'code-scanning' },
    { given: '2fa', camel: '2fa', pascal: '2fa', kebab: '2fa' },
  ];
  it.each(table)('$given', ({ given, camel, pascal, kebab }) => {
    expect(camelCase(given)).toBe(camel);
    expect(pascalCase(given)).toBe(pascal);
    expect(kebabCase(given)).toBe(kebab);
  });
});

describe('identifiers', () => {
  const table: { given: string; valid: boolean; name: boolean; safe: string }[] = [
    { given: 'petId', valid: true, name: true, safe: 'petId' },
    { given: 'default', valid: false, name: true, safe: 'default_' },
    { given: 'delete', valid: false, name: true, safe: 'delete_' },
    { given: 'class', valid: false, name: true, safe: 'class_' },
    { given: 'user-id', valid: false, name: false, safe: 'userId' },
    { given: '2fa', valid: false, name: false, safe: '_2fa' },
    { given: '$', valid: true, name: true, safe: 'value' },
    { given: 'await', valid: false, name: true, safe: 'await_' },
  ];
  it.each(table)('$given', ({ given, valid, name, safe }) => {
    expect(isValidIdentifier(given)).toBe(valid);
    expect(isIdentifierName(given)).toBe(name);
    expect(safeIdentifier(given)).toBe(safe);
    expect(isValidIdentifier(safeIdentifier(given))).toBe(true);
  });
});

describe('singular and plural', () => {
  const table: { plural: string; singular: string }[] = [
    { plural: 'pets', singular: 'pet' },
    { plural: 'policies', singular: 'policy' },
    { plural: 'boxes', singular: 'box' },
    { plural: 'branches', singular: 'branch' },
    { plural: 'addresses', singular: 'address' },
    { plural: 'people', singular: 'person' },
    { plural: 'keys', singular: 'key' },
    { plural: 'data', singular: 'data' },
  ];
  it.each(table)('$singular <-> $plural', (row) => {
    expect(singular(row.plural)).toBe(row.singular);
    expect(plural(row.singular)).toBe(row.plural);
  });
  it('leaves a singular word singular', () => {
    expect(['status', 'address', 'pet', 'analysis'].map(singular)).toEqual(['status', 'address', 'pet', 'analysis']);
  });
});

describe('uniqueName', () => {
  it('appends the first free number and records the name', () => {
    const taken = new Set(['list', 'list2']);
    expect(uniqueName('list', taken)).toBe('list3');
    expect(uniqueName('list', taken)).toBe('list4');
    expect(uniqueName('get', taken)).toBe('get');
    expect([...taken]).toEqual(['list', 'list2', 'list3', 'list4', 'get']);
  });
  it('compares through a key, e.g. case-insensitively for file names', () => {
    const taken = new Set<string>();
    const lower = (n: string) => n.toLowerCase();
    expect(['pets', 'Pets', 'PETS'].map((n) => uniqueName(n, taken, lower))).toEqual(['pets', 'Pets2', 'PETS3']);
  });
});

describe('closestNames', () => {
  const table: { given: string; candidates: string[]; want: string[] }[] = [
    { given: 'Pett', candidates: ['Pet', 'Owner', 'Pets'], want: ['Pet', 'Pets'] },
    { given: 'pet', candidates: ['Pet', 'Owner'], want: ['Pet'] },
    { given: 'Zebra', candidates: ['Pet', 'Owner'], want: [] },
  ];
  it.each(table)('$given', ({ given, candidates, want }) => expect(closestNames(given, candidates)).toEqual(want));
});
