// Table types for the case sample and the people-on-probation survey, merged into Database.
export interface SampleSurveyTables {}
