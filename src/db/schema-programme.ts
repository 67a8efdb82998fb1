// Table types for the inspection programme (registry, plans, consultation), merged into Database.
export interface ProgrammeTables {}
