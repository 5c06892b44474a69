/** Compile-time contract for gallery posts and pages (issue 27). */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { GalleryPostSchema } from '../../src/core/gallery/schema.js';
import { PageSchema } from '../../src/core/pages/schema.js';

assertType<MutuallyAssignable<Static<typeof GalleryPostSchema>, entities.GalleryPost>>();
assertType<MutuallyAssignable<Static<typeof PageSchema>, entities.Page>>();
