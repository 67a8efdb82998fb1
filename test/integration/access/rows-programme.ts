// Rows of the access matrix for the inspection programme's pages and API.
import type { Row } from './matrix.ts';

export const programmeRows: Row[] = [];
