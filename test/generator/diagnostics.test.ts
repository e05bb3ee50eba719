import { describe, expect, it } from 'vitest';
import { Diagnostics, SpecError } from '../../generator/src/diagnostics.js';

describe('Diagnostics', () => {
  it('keeps one of identical diagnostics and every one that differs in anything but the fix', () => {
    const d = new Diagnostics();
    d.error('SDKGEN_X', 'a.yaml', '#/a', 'bad', 'fix it');
    d.error('SDKGEN_X', 'a.yaml', '#/a', 'bad', 'fix it differently');
    d.warn('SDKGEN_X', 'a.yaml', '#/a', 'bad', 'fix it');
    d.error('SDKGEN_X', 'b.yaml', '#/a', 'bad', 'fix it');
    d.error('SDKGEN_X', 'a.yaml', '#/b', 'bad', 'fix it');
    d.error('SDKGEN_Y', 'a.yaml', '#/a', 'bad', 'fix it');
    d.add({ code: 'SDKGEN_X', severity: 'error', file: 'a.yaml', pointer: '#/a', message: 'worse', fix: 'fix it' });
    expect(d.items.map((i) => `${i.severity} ${i.code} ${i.file}${i.pointer} ${i.message}`)).toEqual([
      'error SDKGEN_X a.yaml#/a bad',
      'warning SDKGEN_X a.yaml#/a bad',
      'error SDKGEN_X b.yaml#/a bad',
      'error SDKGEN_X a.yaml#/b bad',
      'error SDKGEN_Y a.yaml#/a bad',
      'error SDKGEN_X a.yaml#/a worse',
    ]);
    expect(() => d.throwIfErrors()).toThrow(SpecError);
  });
});
