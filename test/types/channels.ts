/** Compile-time contract for the channel entity. */
import type { Static } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { ChannelSchema } from '../../src/core/channels/schema.js';

assertType<MutuallyAssignable<Static<typeof ChannelSchema>, entities.Channel>>();
