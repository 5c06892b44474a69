/** Compile-time contract for user lists (H1: lists, directory, memos, reports). */
import type { Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { UserListMembershipSchema, UserListSchema } from '../../src/core/lists/schema.js';

assertType<MutuallyAssignable<Static<typeof UserListSchema>, entities.UserList>>();
assertType<MutuallyAssignable<Static<typeof UserListMembershipSchema>, Endpoints['users/lists/get-memberships']['res'][number]>>();
