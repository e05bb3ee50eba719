/**
 * Response decompression for the undici transport, which (unlike `fetch`) gets the bytes as sent.
 * The transport asks for {@link ACCEPT_ENCODING} and decodes what the server applied, so both
 * transports hand the runtime the same body. Rules follow `fetch`: codings are undone in reverse
 * order; any coding it does not know leaves the body as it is; a truncated stream yields what it
 * holds rather than failing; `deflate` accepts zlib-wrapped and raw data alike.
 * Node-only (`node:zlib`, passed in by the transport, which loads it with undici).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.4 (Content-Encoding)
 * @see https://fetch.spec.whatwg.org/#http-network-fetch (step 16, codings)
 */
import type { Transform } from 'node:stream';

type Zlib = typeof import('node:zlib');

/** What the undici transport asks for when the caller did not set `Accept-Encoding` itself. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Receives the decoded body. */
export interface DecodedSink {
  data(chunk: Buffer): void;
  end(): void;
  error(error: Error): void;
}

/** Takes the body as received. */
export interface BodyDecoder {
  write(chunk: Buffer): void;
  end(): void;
  /** Stops decoding; nothing more reaches the sink. */
  destroy(): void;
}

type Stage = 'gzip' | 'deflate' | 'br';

/** The stages to undo, outermost first; `undefined` when the body is to be kept as it is. */
export function decodingStages(contentEncoding: string | undefined): Stage[] | undefined {
  if (contentEncoding === undefined) return undefined;
  const stages: Stage[] = [];
  for (const raw of contentEncoding.split(',').reverse()) {
    const coding = raw.trim().toLowerCase();
    if (coding === 'gzip' || coding === 'x-gzip') stages.push('gzip');
    else if (coding === 'deflate') stages.push('deflate');
    else if (coding === 'br') stages.push('br');
    else if (coding !== 'identity' && coding !== '') return undefined;
  }
  return stages.length === 0 ? undefined : stages;
}

function createStage(zlib: Zlib, stage: Stage, first: Buffer | undefined): Transform {
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  if (stage === 'gzip') return zlib.createGunzip({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH });
  if (stage === 'br') return zlib.createBrotliDecompress({ flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH });
  // `deflate` means zlib-wrapped (RFC 9110), yet some servers send raw deflate: a zlib header's low
  // nibble is 8 (the deflate method).
  const wrapped = first === undefined || first.byteLength === 0 || (first[0]! & 0x0f) === 0x08;
  const options = { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH };
  return wrapped ? zlib.createInflate(options) : zlib.createInflateRaw(options);
}

/**
 * A decoder for `contentEncoding`, or `undefined` when there is nothing to undo. Stages are created
 * at the first chunk, so `deflate` can tell zlib-wrapped data from raw.
 */
export function createDecoder(zlib: Zlib, contentEncoding: string | undefined, sink: DecodedSink): BodyDecoder | undefined {
  const stages = decodingStages(contentEncoding);
  if (stages === undefined) return undefined;
  let streams: Transform[] | undefined;
  let failed = false;
  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    for (const s of streams ?? []) s.destroy();
    sink.error(error);
  };
  const open = (first: Buffer | undefined): Transform[] => {
    const made = stages.map((stage, i) => createStage(zlib, stage, i === 0 ? first : undefined));
    for (let i = 0; i < made.length; i++) {
      made[i]!.on('error', fail);
      if (i + 1 < made.length) made[i]!.pipe(made[i + 1]!);
    }
    const last = made[made.length - 1]!;
    last.on('data', (chunk: Buffer) => {
      if (!failed) sink.data(chunk);
    });
    last.on('end', () => {
      if (!failed) sink.end();
    });
    return made;
  };
  return {
    write(chunk) {
      if (failed) return;
      (streams ??= open(chunk))[0]!.write(chunk);
    },
    end() {
      if (failed) return;
      (streams ??= open(undefined))[0]!.end();
    },
    destroy() {
      failed = true;
      for (const s of streams ?? []) s.destroy();
    },
  };
}
