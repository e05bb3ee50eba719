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
    expect(lines.find((l) => l.startsWith('NotFoundError: status 404, body '))).toContain('"title":"Pet not found"');
    expect(lines[lines.length - 1]).toBe('deleted pet_1');
  });
});
