/** Compile-time contract for Play (issue 27). */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { FlashSchema } from '../../src/core/flashes/schema.js';

assertType<MutuallyAssignable<Static<typeof FlashSchema>, entities.Flash>>();
