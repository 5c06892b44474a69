import type { entities } from 'misskey-js';

/** Who may open the control panel: the server's administrators and moderators (the API checks every call again). */
export function canOpenControlPanel(me: entities.MeDetailed | null): boolean {
  return me !== null && (me.isAdmin === true || me.isModerator === true);
}
