// What the public ratings pages and their open data show of a PDU: each result over time, the
// inspectorate's published reports beside the registry's earlier results, by region.

export interface PublicStandard {
  id: string;
  name: string;
}

/** An inspection whose report is published here, with its rating for every rated standard. */
export interface PublishedResult {
  source: 'published';
  inspectionId: number;
  title: string;
  /** The publication date (the end of fieldwork if the report has none). */
  published: string;
  fieldworkStart: string;
  framework: string;
  isDemo: boolean;
  /** Rating by standard id, for the standards its framework version rates. */
  standards: Record<string, string | null>;
  overall: string | null;
  url: string;
}

/** A result from the registry's history: the reference data's, or one an administrator recorded. */
export interface EarlierResult {
  source: 'reference' | 'recorded';
  /** YYYY-MM-DD, YYYY-MM or YYYY as the source gives it; null when not known. */
  published: string | null;
  fieldworkStart: string | null;
  overall: string | null;
  url: string | null;
}

export type PublicResult = PublishedResult | EarlierResult;

export interface PduRatings {
  id: number;
  name: string;
  region: { id: number; name: string };
  /** Every result, oldest first. */
  history: PublicResult[];
  /** The last of the history, or null when the PDU has none. */
  latest: PublicResult | null;
}

export interface RegionRatings {
  id: number;
  name: string;
  pdus: PduRatings[];
}
