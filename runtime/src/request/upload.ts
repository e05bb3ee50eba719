/**
 * Upload bodies: what binary bodies and multipart file fields accept besides `Blob` and bytes:
 * `ReadableStream<Uint8Array>`, any `AsyncIterable<Uint8Array>` (Node readable streams are one),
 * and `toFile(data, name, { type })`. Streams are sent as they are read, never buffered; such a
 * request is never retried and never follows a 307/308 redirect (the body cannot be sent again).
 */

/** Anything the runtime can upload. */
export type Uploadable = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | StreamedFile;

/**
 * A named file whose content is a stream (what `toFile` makes of a stream); sent as it is read.
 * It is itself an `AsyncIterable<Uint8Array>`, so it fits wherever a stream upload does.
 */
export class StreamedFile implements AsyncIterable<Uint8Array> {
  readonly name: string;
  readonly type: string;
  readonly #source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  #used = false;

  constructor(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, name: string, type: string) {
    this.#source = source;
    this.name = name;
    this.type = type;
  }

  /** The content, once: a stream cannot be read twice. */
  stream(): ReadableStream<Uint8Array> {
    if (this.#used) throw new TypeError(`The content of ${this.name} was already read (a stream can be sent once)`);
    this.#used = true;
    return toReadableStream(this.#source);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const reader = this.stream().getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
}

/** Options of {@link toFile}. */
export interface ToFileOptions {
  /** The media type, e.g. `image/png`. @default the Blob's own type, else '' */
  readonly type?: string;
}

/**
 * A named file for an upload or a multipart file field, from bytes, a string, a Blob, a
 * `ReadableStream`, an `AsyncIterable<Uint8Array>` or a Node readable stream. In-memory data gives
 * a `File`; a stream gives a {@link StreamedFile}, sent as it is read.
 *
 * @example await client.files.upload({ file: toFile(fs.createReadStream('a.png'), 'a.png', { type: 'image/png' }) })
 */
export function toFile(data: Blob | Uint8Array | ArrayBuffer | string, name: string, options?: ToFileOptions): File;
export function toFile(data: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, name: string, options?: ToFileOptions): StreamedFile;
export function toFile(data: Blob | Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, name: string, options?: ToFileOptions): File | StreamedFile;
export function toFile(
  data: Blob | Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  name: string,
  options: ToFileOptions = {},
): File | StreamedFile {
  if (isStreamSource(data)) return new StreamedFile(data, name, options.type ?? '');
  const type = options.type ?? (data instanceof Blob ? data.type : '');
  return new File([data as BlobPart], name, { type });
}

/** A `ReadableStream`, or an async iterable that is not a string (Node readables included). */
export function isStreamSource(value: unknown): value is ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return true;
  return typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function' && !(value instanceof Blob);
}

/** Whether a multipart value is sent as a stream. */
export function isStreamedPart(value: unknown): boolean {
  return value instanceof StreamedFile || isStreamSource(value);
}

/** A `ReadableStream` reading `source` on demand (pull: nothing is read ahead of the transport). */
export function toReadableStream(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) return source;
  const iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const r = await iterator.next();
        if (r.done) controller.close();
        // Node readables in text mode yield strings.
        else controller.enqueue(typeof r.value === 'string' ? encoder.encode(r.value) : r.value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The WHATWG form-data escaping of a name or file name inside a quoted header parameter. */
function quoted(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/** One multipart part: a text value, a Blob or a stream. */
export type MultipartPart = { readonly name: string; readonly value: string | Blob | StreamedFile | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> };

/**
 * `multipart/form-data` (RFC 7578) as a stream, for forms with a streamed file: parts are written as
 * the transport reads, file contents straight from their sources. Forms without streams use
 * `FormData`, which the platform encodes.
 * @see https://www.rfc-editor.org/rfc/rfc7578
 */
export function multipartStream(parts: readonly MultipartPart[]): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `----sdkgen${randomHex()}`;
  const encoder = new TextEncoder();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (const { name, value } of parts) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"`;
      if (typeof value === 'string') {
        yield encoder.encode(`${head}\r\n\r\n${value}\r\n`);
        continue;
      }
      const fileName = value instanceof StreamedFile || (typeof File !== 'undefined' && value instanceof File) ? (value as { name: string }).name : name;
      const type = (value instanceof Blob || value instanceof StreamedFile ? value.type : '') || 'application/octet-stream';
      head += `; filename="${quoted(fileName)}"\r\nContent-Type: ${type.replace(/[\r\n]/g, '')}\r\n\r\n`;
      yield encoder.encode(head);
      const content = value instanceof Blob ? value.stream() : value instanceof StreamedFile ? value.stream() : toReadableStream(value);
      const reader = content.getReader();
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        yield r.value;
      }
      yield encoder.encode('\r\n');
    }
    yield encoder.encode(`--${boundary}--\r\n`);
  }
  return { body: toReadableStream(chunks()), contentType: `multipart/form-data; boundary=${boundary}` };
}

function randomHex(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
