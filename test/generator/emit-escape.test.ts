import { describe, expect, it } from 'vitest';
import {
  docLines,
  EmitError,
  identifier,
  isBindingIdentifier,
  lineCommentText,
  markdownInline,
  markdownText,
  propertyKey,
  stringLiteral,
} from '../../generator/src/emit/escape.js';

/** Evaluates a TypeScript/JavaScript expression the emitter produced. */
function evaluate(expression: string): unknown {
  return new Function(`"use strict"; return (${expression});`)();
}

describe('stringLiteral', () => {
  const cases: { given: string; want: string }[] = [
    { given: 'plain', want: "'plain'" },
    { given: "it's", want: "'it\\'s'" },
    { given: 'say "hi"', want: `'say "hi"'` },
    { given: 'back\\slash', want: "'back\\\\slash'" },
    { given: '\\"', want: `'\\\\"'` },
    { given: 'line\nbreak\r', want: "'line\\nbreak\\r'" },
    { given: 'ls\u2028ps\u2029', want: "'ls\\u2028ps\\u2029'" },
    { given: '`${x}`', want: "'`${x}`'" },
    { given: '</script><!--', want: "'<\\/script><\\!--'" },
    { given: '</SCRIPT>', want: "'<\\/SCRIPT>'" },
    { given: '*/', want: "'*/'" },
    { given: '\u0000\u001f', want: "'\\u0000\\u001f'" },
    { given: '\ud800', want: "'\\ud800'" },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(stringLiteral(given)).toBe(want);
    // Whatever the escaping, the literal must evaluate back to the input.
    expect(evaluate(stringLiteral(given))).toBe(given);
  });
});

describe('docLines', () => {
  const cases: { given: string; want: string[] }[] = [
    { given: 'Get a pet', want: ['Get a pet'] },
    { given: 'ends */ here', want: ['ends *\\/ here'] },
    { given: 'opens /* here', want: ['opens /\\* here'] },
    { given: '/*/', want: ['/\\*\\/'] },
    { given: 'a\r\nb\rc\nd\u2028e\u2029f', want: ['a', 'b', 'c', 'd', 'e', 'f'] },
    { given: '@deprecated sneaky\n  @param x', want: ['\\@deprecated sneaky', '  \\@param x'] },
    { given: 'mail me@example.com', want: ['mail me@example.com'] },
    { given: '\n\n  text  \n\n', want: ['  text'] },
    { given: 'bell\u0007nul\u0000', want: ['bell nul'] },
    { given: '`${x}` \'q\' "d"', want: ['`${x}` \'q\' "d"'] },
    { given: '', want: [] },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    const lines = docLines(given);
    expect(lines).toEqual(want);
    // Inside a real comment, nothing escapes: the comment parses and the code after it runs.
    expect(evaluate(`/**\n * ${lines.join('\n * ')}\n */ 42`)).toBe(42);
  });
});

describe('lineCommentText', () => {
  it.each([
    { given: 'Pet Store 1.0', want: 'Pet Store 1.0' },
    { given: 'a\nb\u2028c\rd', want: 'a b c d' },
    { given: ' */ x ', want: '*/ x' },
  ])('$given', ({ given, want }) => {
    expect(lineCommentText(given)).toBe(want);
    expect(evaluate(`// ${lineCommentText(given)}\n42`)).toBe(42);
  });
});

describe('propertyKey', () => {
  const cases: { given: string; context: 'object' | 'type'; want: string }[] = [
    { given: 'name', context: 'object', want: 'name' },
    { given: 'delete', context: 'object', want: 'delete' },
    { given: 'X-API-Key', context: 'object', want: "'X-API-Key'" },
    { given: '1st', context: 'object', want: "'1st'" },
    { given: "it's", context: 'object', want: "'it\\'s'" },
    { given: '__proto__', context: 'object', want: "['__proto__']" },
    { given: '__proto__', context: 'type', want: "'__proto__'" },
    { given: 'constructor', context: 'object', want: 'constructor' },
  ];
  it.each(cases)('$given in $context', ({ given, context, want }) => {
    expect(propertyKey(given, context)).toBe(want);
  });

  it('keeps __proto__ an own property of the object literal', () => {
    const object = evaluate(`{ ${propertyKey('__proto__')}: 1, ${propertyKey('a b')}: 2 }`) as Record<string, number>;
    expect(Object.keys(object)).toEqual(['__proto__', 'a b']);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });
});

describe('identifier', () => {
  it.each(['pets', 'PetStore', '_x', '$y', 'café', 'default_'])('accepts %s', (name) => {
    expect(identifier(name)).toBe(name);
    expect(isBindingIdentifier(name)).toBe(true);
  });
  it.each(['', '1st', 'a-b', 'a b', 'class', 'default', 'await', 'eval', 'x*/', '__proto__ ', "x'"])('rejects %j', (name) => {
    expect(() => identifier(name)).toThrow(EmitError);
  });
  it('rejects type names TypeScript reserves only where a type is declared', () => {
    expect(identifier('string')).toBe('string');
    expect(() => identifier('string', 'class name', 'type')).toThrow(/Invalid class name/);
  });
});

describe('markdown', () => {
  it('neutralizes HTML and keeps text on its lines', () => {
    expect(markdownText('<img src=x onerror=alert(1)> & co\r\nnext')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co\nnext');
    expect(markdownInline('a | b\nc <b>')).toBe('a \\| b c &lt;b&gt;');
  });
});
