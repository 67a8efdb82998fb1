// Planning inputs from the shapes of the reference files (reference/organisations), without
// reading them: the caller loads the file (src/reference) and passes it in.
import type { PlanningPdu } from './cycle-types.ts';
import type { YouthService } from './youth-risk.ts';

interface ReferenceInspection {
  published: string | null;
  overallRating: string | null;
}

/** The parts of regions-pdus.json the planner uses. */
export interface RegionsShape {
  regions: readonly { name: string; pdus: readonly { name: string; nonGeographic?: boolean; inspections: readonly ReferenceInspection[] }[] }[];
}

/** The parts of youth-services.json the selection uses. */
export interface YouthServicesShape {
  services: readonly { name: string; jointInspection?: boolean; inspections: readonly ReferenceInspection[] }[];
}

/** The files list inspections oldest first, so the last is the latest (its date may be unknown). */
const latest = (inspections: readonly ReferenceInspection[]) => {
  const last = inspections.at(-1);
  return last ? { date: last.published, rating: last.overallRating } : null;
};

export function pdusFromReference(file: RegionsShape): { regions: string[]; pdus: PlanningPdu[]; nonGeographic: string[] } {
  return {
    regions: file.regions.map((r) => r.name),
    pdus: file.regions.flatMap((r) => r.pdus.map((p) => ({ name: p.name, region: r.name, lastInspection: latest(p.inspections) }))),
    nonGeographic: file.regions.flatMap((r) => r.pdus.filter((p) => p.nonGeographic).map((p) => p.name)),
  };
}

/** Caseload, concerns and performance are not in the reference file: the caller adds them where known. */
export function youthServicesFromReference(file: YouthServicesShape): YouthService[] {
  return file.services.map((s) => ({ name: s.name, lastInspection: latest(s.inspections), joint: s.jointInspection ?? false }));
}
