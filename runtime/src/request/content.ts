/** Values sent as the text of a media type: `content` parameters and JSON form fields. */
import { formatScalar } from './scalar.js';

/** `application/json`, `application/vnd.api+json`, `text/json`, with or without parameters. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return essence.endsWith('/json') || essence.endsWith('+json');
}

/**
 * The text of `value` in `mediaType`: JSON text for JSON types (a string is quoted, as JSON
 * requires), else the scalar's string form.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-for-use-with-content
 */
export function contentText(mediaType: string, value: unknown): string {
  return isJsonMediaType(mediaType) ? JSON.stringify(value) ?? '' : formatScalar(value);
}
