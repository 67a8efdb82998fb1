// Whether the service may take traffic (GET /health/ready): the database answers and every migration
// this build carries has run. The check is the database's own (src/db/readiness.ts); this is the web
// layer's way to it, as http reaches the database only through services.
import type { Db } from '../db/repositories/index.ts';
import { databaseReadiness, type Readiness } from '../db/readiness.ts';

export type { Readiness };

export const serviceReadiness = (db: Db): Promise<Readiness> => databaseReadiness(db);
