// Rows of the access matrix for the case sample and the people-on-probation survey.
import type { Row } from './matrix.ts';

export const sampleSurveyRows: Row[] = [];
