import { SdkError } from '../errors.js';

/**
 * Pagination could not go on safely: a next-page URL on another origin than the client's base URL
 * (which would carry the client's credentials elsewhere), or a page whose item field is not an array.
 */
export class PaginationError extends SdkError {
  static override readonly brand: symbol = Symbol.for('sdkgen.error.PaginationError');
  static {
    // Same cross-copy branding as the classes in errors.ts.
    Object.defineProperty(this.prototype, this.brand, { value: true });
  }
  override name = 'PaginationError';
}
