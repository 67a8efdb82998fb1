// The bounds on an uploaded table (a caseload or a contact list), so that no file, however made,
// can take the server's memory (the budget is 200 MB for any upload): a PDU's caseload is a few
// thousand rows, and these are far above anything real. They are stated in
// docs/sample-and-survey-service.md.

/** The most rows a file may have below its heading row: far above any PDU's caseload or contact
 * list, and low enough that checking a full file stays within the server's memory budget. */
export const MAX_TABLE_ROWS = 50_000;

/** The most columns a row may use: a caseload has a few dozen at most. */
export const MAX_TABLE_COLUMNS = 1_000;

/** The most characters in one value (a name has at most 100). */
export const MAX_CELL_CHARACTERS = 1_000;

/** The most problems listed for one file: enough to correct it, without a page of a million lines. */
export const MAX_LISTED_PROBLEMS = 1_000;

/** An Excel workbook may unpack to at most this many bytes in all (50,000 rows of a caseload of
 * 10 columns unpack to about 20 MB). */
export const MAX_WORKBOOK_UNPACKED_BYTES = 64 * 1024 * 1024;

/** A part of a workbook larger than 1 MB unpacked may unpack to at most 100 times its packed size:
 * real sheets pack 5 to 20 times; a file made to exhaust memory (a "zip bomb") packs about 1,000
 * times. The same rule as Apache POI's. */
export const MAX_PART_RATIO = 100;
export const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;

const count = (n: number) => n.toLocaleString('en-GB');

export const tooManyRows = (): string =>
  `the file has more than ${count(MAX_TABLE_ROWS)} rows below the heading row, the most one upload may have; send only the rows needed`;

export const tooManyColumns = (): string =>
  `the row has values in more than ${count(MAX_TABLE_COLUMNS)} columns, the most a row may have; remove the values beyond the columns needed`;

export const tooManyProblems = (): string =>
  `the file has more than ${count(MAX_LISTED_PROBLEMS)} problems; the first ${count(MAX_LISTED_PROBLEMS)} are listed: correct them, and others like them, and upload the file again`;

export const tooLongValue = (length: number): string =>
  `has ${count(length)} characters; a value may have at most ${count(MAX_CELL_CHARACTERS)}`;
