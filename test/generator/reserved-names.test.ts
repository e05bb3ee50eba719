import { describe, expect, it } from 'vitest';
import { BASE_CLIENT_MEMBERS } from '../../generator/src/emit/client.js';
import { RESERVED_RESOURCE_NAMES, resourcePropertyName } from '../../generator/src/normalize/resources.js';

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
