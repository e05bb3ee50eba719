import { describe, expect, it } from 'vitest';
import { main } from './app.js';

describe('examples/petstore/app.ts', () => {
  it('runs the tour against the real server through the generated SDK', async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line));
    expect(lines[0]).toBe('created pet_1 (Rex, dog)');
    expect(lines[1]).toMatch(/^got pet_1: Rex, status 200, etag "[\w-]+"$/);
    expect(lines).toContain('listed 3 pets two per page: Rex, Tom, Tweety');
    expect(lines).toContain('first page: 2 pets, more: true');
    expect(lines).toContain('renamed pet_1 to Max');
    expect(lines).toContain('stale update refused: 412 Precondition failed');
    expect(lines).toContain('uploaded a 4-byte photo');
    expect(lines).toContain('registered owner owner_1 (ada@example.com)');
    expect(lines).toContainEqual(
      expect.stringMatching(/^NotFoundError: status 404, problem "Pet not found" \(https:\/\/api\.petstore\.example\/problems\/404\), request id req_\d{4}$/),
    );
    expect(lines).toContain('validation problem: the request body is invalid [name: must be a non-empty string]');
    expect(lines).toContain('read Max again: 1 x 304 Not Modified, body served from the ETag cache');
    expect(lines).toContain('got Tom after a 503: retried getPet in 250 ms (delay from the server)');
    expect(lines).toContain('created Bella through a lost response: 1 replay, cats now Tom, Bella');
    // OAuth 2 client credentials and server signals (partnerTour).
    expect(lines).toContain('partner read Tom, Max and Tweety at once with 1 token request');
    expect(lines).toContain('rate limit: 996 of 1000 requests left in this window');
    expect(lines).toContain('deprecated: listOwners until 2027-01-01 (https://api.petstore.example/docs/owners-search)');
    expect(lines).toContain('report export op_1 started: PENDING');
    expect(lines).toContain('report COMPLETED after progress 40 -> 80 -> 100: rep_1 counts 4 pets');
    expect(lines).toContain('webhook report.ready verified: report rep_1 of op_1');
    expect(lines).toContainEqual(expect.stringMatching(/^resumed op_2 from \d+ bytes of JSON: COMPLETED$/));
    expect(lines[lines.length - 1]).toBe('deleted pet_1');
  });
});
