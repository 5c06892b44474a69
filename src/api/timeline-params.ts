import { Type } from '@sinclair/typebox';
import { pageParams } from './paging.js';

/** The parameters the notes timelines share (Misskey's), with defaults as Misskey declares them. */
export const timelineParams = {
  ...pageParams(10),
  allowPartial: Type.Optional(Type.Boolean({ default: false })),
  withFiles: Type.Optional(Type.Boolean({ default: false })),
  withRenotes: Type.Optional(Type.Boolean({ default: true })),
};

/** Home, hybrid and list timelines also take Misskey's renote options. */
export const renoteOptionParams = {
  includeMyRenotes: Type.Optional(Type.Boolean({ default: true })),
  includeRenotedMyNotes: Type.Optional(Type.Boolean({ default: true })),
  includeLocalRenotes: Type.Optional(Type.Boolean({ default: true })),
};
