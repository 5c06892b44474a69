import { reactive } from 'vue';
import { client, session } from './session';

/**
 * How many follow requests wait for the signed-in user: shown in the navigation, loaded after
 * sign-in, raised live by the `main` channel's `receiveFollowRequest` (App.vue) and set by the
 * follow requests page from the list it shows.
 */
export const followRequests = reactive({ count: 0 });

export async function refreshFollowRequestCount(): Promise<void> {
  const token = session.token;
  if (!token) {
    followRequests.count = 0;
    return;
  }
  try {
    // 100 is the endpoint's page limit; a navigation count of "100+" is precise enough.
    const received = await client().request('following/requests/list', { limit: 100 });
    if (session.token === token) followRequests.count = received.length;
  } catch { /* the count stays as it was; the page itself shows errors */ }
}
