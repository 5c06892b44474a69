import { and, eq } from 'drizzle-orm';
import { topics, type StreamEvent } from '../../bus/topics.js';
import { antennas } from '../../db/schema/index.js';
import { packNotes } from '../../core/notes/pack.js';
import { canSeeNote, isNoteMuted } from '../../core/notes/visibility.js';
import { Channel, type ChannelDefinition } from '../channel.js';
import { reviveNote } from '../notes.js';

/**
 * `antenna`: the notes one of the viewer's antennas collects, as it collects them (param
 * `antennaId`; another user's antenna is refused). Each note is checked again against the viewer's
 * current blocks and mutes (their cached state) and packed for them, as `antennas/notes` would.
 */
class AntennaChannel extends Channel {
  async init(params: Record<string, unknown>): Promise<boolean> {
    const user = this.user;
    if (!user || typeof params.antennaId !== 'string') return false;
    const [antenna] = await this.ctx.db.select({ id: antennas.id }).from(antennas)
      .where(and(eq(antennas.id, params.antennaId), eq(antennas.userId, user.id))).limit(1);
    if (!antenna) return false;
    this.listen(topics.antenna(antenna.id), async (message) => {
      const event = message as StreamEvent | null;
      if (event?.type !== 'note') return;
      const note = reviveNote(event.body);
      if (!note) return;
      const viewer = await this.connection.viewer();
      if (!canSeeNote(note, viewer.context) || isNoteMuted(note, viewer.context)) return;
      const [packed] = await packNotes(this.ctx, [note], user, { viewerContext: viewer.context });
      if (packed) this.send('note', packed);
    });
    return true;
  }
}

export const antenna: ChannelDefinition = {
  name: 'antenna', requireCredential: true, kind: 'read:account', shared: false,
  create: (id, connection) => new AntennaChannel(id, connection),
};
