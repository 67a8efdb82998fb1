// Dates as GOV.UK writes them in running text and tables: "5 October 2026".
import { MONTHS } from '../sampling/dates.ts';

export const fullDate = (iso: string): string => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
