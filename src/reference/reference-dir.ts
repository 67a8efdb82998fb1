// Where the reference files are: reference/ at the project's root, from src/ and from dist/ alike.
import { fileURLToPath } from 'node:url';

export const referenceDir = fileURLToPath(new URL('../../reference/', import.meta.url));
