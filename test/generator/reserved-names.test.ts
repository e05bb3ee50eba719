import { describe, expect, it } from 'vitest';
import { BASE_CLIENT_MEMBERS } from '../../generator/src/emit/client.js';
import { asciiFileName, RESERVED_RESOURCE_NAMES, resourcePropertyName } from '../../generator/src/normalize/resources.js';

describe('resource names never shadow BaseClient members', () => {
  it('the normalizer reserves every member the client emitter refuses', () => {
    expect([...BASE_CLIENT_MEMBERS].filter((m) => !RESERVED_RESOURCE_NAMES.has(m))).toEqual([]);
  });

  // apideck.com's proxy API has a tag "Execute" (found by the APIs.guru corpus run).
  it.each([...BASE_CLIENT_MEMBERS])('a tag named %s becomes a different property', (member) => {
    expect(resourcePropertyName(member)).not.toBe(member);
    expect(BASE_CLIENT_MEMBERS.has(resourcePropertyName(member))).toBe(false);
  });
});

describe('asciiFileName', () => {
  // corrently.io (APIs.guru) has a tag "Green Power Index (GrünStrom Index)".
  const cases: { given: string; want: string }[] = [
    { given: 'green-power-index-grünstrom-index', want: 'green-power-index-grunstrom-index' },
    { given: 'pets', want: 'pets' },
    { given: '日本', want: 'resource' },
    { given: 'a-日本-b', want: 'a-b' },
  ];
  for (const { given, want } of cases) it(`${given} -> ${want}`, () => expect(asciiFileName(given)).toBe(want));
});
