/** Compile-time contract for the drive entities. */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { DriveFileSchema, DriveFolderSchema } from '../../src/core/drive/schema.js';

assertType<MutuallyAssignable<Static<typeof DriveFileSchema>, entities.DriveFile>>();
assertType<MutuallyAssignable<Static<typeof DriveFolderSchema>, entities.DriveFolder>>();
