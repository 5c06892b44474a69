import { Type } from '@sinclair/typebox';

/** The answer of `stats`: instance-wide counters. "original" means local. */
export const StatsSchema = Type.Object({
  notesCount: Type.Number(),
  originalNotesCount: Type.Number(),
  usersCount: Type.Number(),
  originalUsersCount: Type.Number(),
  instances: Type.Number(),
  driveUsageLocal: Type.Number(),
  driveUsageRemote: Type.Number(),
});
