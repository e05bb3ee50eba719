/**
 * Sample values for string formats. Fixed values (not "now", not random) keep generated mocks
 * byte-identical from run to run; each is valid for its format so that mocks validate against the
 * schema they came from.
 *
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#name-defined-formats
 * @see https://spec.openapis.org/registry/format/
 */

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  duration: 'P1D',
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  iri: 'https://example.com',
  'uri-reference': '/example',
  'iri-reference': '/example',
  'uri-template': 'https://example.com/{id}',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'c3RyaW5n',
  binary: 'string',
  password: 'password',
  'json-pointer': '/example',
  'relative-json-pointer': '0',
  regex: '^.*$',
};

/** The sample for `format`, or `undefined` for a format we do not know (plain strings are used). */
export function formatSample(format: string | undefined): string | undefined {
  if (format === undefined || !Object.hasOwn(FORMAT_SAMPLES, format)) return undefined;
  return FORMAT_SAMPLES[format];
}

/**
 * The `n`th distinct sample of a format (`n` >= 0; 0 is {@link formatSample}). Used where values must
 * differ, such as item ids that double as pagination cursors or `uniqueItems` arrays.
 */
export function formatVariant(format: string | undefined, n: number): string | undefined {
  const base = formatSample(format);
  if (base === undefined || n === 0) return base;
  switch (format) {
    case 'uuid':
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0').slice(-12)}`;
    case 'date-time':
      return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().replace('.000Z', 'Z');
    case 'date':
      return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    case 'email':
    case 'idn-email':
      return `user${n}@example.com`;
    case 'uri':
    case 'url':
    case 'iri':
      return `https://example.com/${n}`;
    case 'uri-reference':
    case 'iri-reference':
      return `/example/${n}`;
    case 'hostname':
    case 'idn-hostname':
      return `host${n}.example.com`;
    case 'ipv4':
      return `192.0.2.${(n % 254) + 1}`;
    case 'ipv6':
      return `2001:db8::${(n % 0xfffe).toString(16)}`;
    default:
      return undefined;
  }
}
