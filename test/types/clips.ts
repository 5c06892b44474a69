/** Compile-time contract for clips (issue 20). */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { ClipSchema } from '../../src/core/clips/schema.js';

assertType<MutuallyAssignable<Static<typeof ClipSchema>, entities.Clip>>();
