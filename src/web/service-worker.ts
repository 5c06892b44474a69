/**
 * The web client's service worker, served at `/sw.js` (scope `/`): it shows the Web Push messages
 * Mikan sends (src/core/push/deliver.ts, Misskey's payload `{ type, body, userId, dateTime }`) and
 * opens the notifications page when one is clicked. `readAllNotifications` closes the shown ones.
 * Plain JavaScript in a string: the browser loads it as is, with no build step.
 */
export const SERVICE_WORKER_JS = String.raw`'use strict';
const TITLES = {
  follow: (n) => who(n) + ' followed you',
  receiveFollowRequest: (n) => who(n) + ' asked to follow you',
  followRequestAccepted: (n) => who(n) + ' accepted your follow request',
  mention: (n) => who(n) + ' mentioned you',
  reply: (n) => who(n) + ' replied',
  renote: (n) => who(n) + ' renoted your note',
  quote: (n) => who(n) + ' quoted your note',
  reaction: (n) => who(n) + ' reacted ' + (n.reaction || ''),
  pollEnded: () => 'A poll has ended',
  note: (n) => who(n) + ' posted a note',
  achievementEarned: () => 'Achievement earned',
  app: (n) => n.header || 'Notification',
  login: () => 'New sign-in to your account',
  createToken: () => 'A new access token was created',
  exportCompleted: () => 'Your export is ready',
};
function who(n) {
  const user = n.user;
  if (!user) return 'Someone';
  return user.name || ('@' + user.username);
}
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('push', (event) => {
  let message;
  try { message = event.data ? event.data.json() : null; } catch { message = null; }
  if (!message) return;
  if (message.type === 'readAllNotifications') {
    event.waitUntil(self.registration.getNotifications().then((shown) => shown.forEach((n) => n.close())));
    return;
  }
  if (message.type !== 'notification' || !message.body) return;
  const n = message.body;
  const title = (TITLES[n.type] || (() => 'New notification'))(n);
  const body = n.type === 'app' ? (n.body || '') : (n.note && n.note.text) || '';
  const icon = (n.user && n.user.avatarUrl) || n.icon || undefined;
  event.waitUntil(self.registration.showNotification(title, {
    body, icon, tag: n.id, timestamp: message.dateTime,
    data: { url: n.note ? '/notes/' + n.note.id : '/notifications' },
  }));
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/notifications';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    for (const client of windows) if ('focus' in client) { client.navigate(url); return client.focus(); }
    return self.clients.openWindow(url);
  }));
});
`;
