// The inspection programme's repositories: the registry's names and intelligence, cycle plans and
// youth selections, programme years with their topics and consultation.
export * from './programme-registry-repository.ts';
export * from './programme-plan-repository.ts';
export * from './programme-year-repository.ts';
