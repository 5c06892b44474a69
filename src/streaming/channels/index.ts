import type { ChannelDefinition } from '../channel.js';
import { main } from './main.js';
import { homeTimeline } from './home-timeline.js';
import { localTimeline } from './local-timeline.js';
import { hybridTimeline } from './hybrid-timeline.js';
import { globalTimeline } from './global-timeline.js';
import { userList } from './user-list.js';
import { hashtag } from './hashtag.js';
import { channel } from './channel.js';
import { drive } from './drive.js';
import { admin } from './admin.js';
import { serverStats } from './server-stats.js';
import { antenna } from './antenna.js';
import { chatUser } from './chat-user.js';
import { chatRoom } from './chat-room.js';

/** Every channel a client can join, by Misskey's name. */
export const channelDefinitions: Record<string, ChannelDefinition> = Object.fromEntries(
  [main, homeTimeline, localTimeline, hybridTimeline, globalTimeline, userList, hashtag, channel, drive, admin, serverStats, antenna, chatUser, chatRoom]
    .map((definition) => [definition.name, definition]),
);
