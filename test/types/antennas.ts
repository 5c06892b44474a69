/** Compile-time contract for antennas. */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { AntennaSchema } from '../../src/core/antennas/schema.js';

assertType<MutuallyAssignable<Static<typeof AntennaSchema>, entities.Antenna>>();
