// Date checks for input at the edge: the planner's own checks, under the names the pages use.
export { isIsoDate as isRealDate, isMonday as isRealMonday } from '../../domain/programme/dates.ts';
