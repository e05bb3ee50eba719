import { mockGetPet } from '../../../examples/petstore/sdk/mocks.js';
export const h = mockGetPet(() => ({ id: 1 }));
