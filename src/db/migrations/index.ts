// Every migration, in order, imported as code so that migrating needs no file-system scan and works
// from any working directory or bundle. Add a new migration file and list it here; never edit or
// rename one that has been released.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_identity.ts';
import * as m0003 from './0003_case_work.ts';
import * as m0004 from './0004_quality.ts';
import * as m0005 from './0005_programme.ts';
import * as m0006 from './0006_sample_survey.ts';
import * as m0007 from './0007_publication.ts';
import * as m0008 from './0008_action_plans.ts';
import * as m0009 from './0009_annual_reports.ts';
import * as m0010 from './0010_registry_inspections.ts';
import * as m0011 from './0011_audit_request_id.ts';
import * as m0012 from './0012_sign_in_counters.ts';
import * as m0013 from './0013_webhook_flags.ts';
import * as m0014 from './0014_inspection_timeline.ts';
import * as m0015 from './0015_embargo_email.ts';
import * as m0016 from './0016_report_narrative.ts';
import * as m0017 from './0017_domain_one_evidence.ts';
import * as m0018 from './0018_pending_contact_lists.ts';
import * as m0019 from './0019_sfo_reviews.ts';
import * as m0020 from './0020_sfo_roles.ts';
import * as m0021 from './0021_sfo_assessment_journey.ts';
import * as m0022 from './0022_sfo_region_actions.ts';
import * as m0023 from './0023_sfo_review_documents.ts';
import * as m0024 from './0024_sfo_learning_panels.ts';
import * as m0025 from './0025_sfo_annual_reports.ts';
import * as m0026 from './0026_inspection_youth_selection.ts';
import * as m0027 from './0027_joint_inspection.ts';
import * as m0028 from './0028_demo_data_stages.ts';
import * as m0029 from './0029_reference_data_digest.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_identity': m0002,
  '0003_case_work': m0003,
  '0004_quality': m0004,
  '0005_programme': m0005,
  '0006_sample_survey': m0006,
  '0007_publication': m0007,
  '0008_action_plans': m0008,
  '0009_annual_reports': m0009,
  '0010_registry_inspections': m0010,
  '0011_audit_request_id': m0011,
  '0012_sign_in_counters': m0012,
  '0013_webhook_flags': m0013,
  '0014_inspection_timeline': m0014,
  '0015_embargo_email': m0015,
  '0016_report_narrative': m0016,
  '0017_domain_one_evidence': m0017,
  '0018_pending_contact_lists': m0018,
  '0019_sfo_reviews': m0019,
  '0020_sfo_roles': m0020,
  '0021_sfo_assessment_journey': m0021,
  '0022_sfo_region_actions': m0022,
  '0023_sfo_review_documents': m0023,
  '0024_sfo_learning_panels': m0024,
  '0025_sfo_annual_reports': m0025,
  '0026_inspection_youth_selection': m0026,
  '0027_joint_inspection': m0027,
  '0028_demo_data_stages': m0028,
  '0029_reference_data_digest': m0029,
};
