/**
 * The control panel's pages, in the order of its sidebar. Each capability that brings an admin page
 * adds its entry here and its child route under `/admin` in web/src/main.ts.
 */
export const ADMIN_PAGES: { path: string; title: string }[] = [
  { path: '/admin/general', title: 'General' },
  { path: '/admin/ads', title: 'Ads' },
  { path: '/admin/avatar-decorations', title: 'Avatar decorations' },
  { path: '/admin/users', title: 'Users' },
  { path: '/admin/reports', title: 'Reports' },
  { path: '/admin/roles', title: 'Roles' },
  { path: '/admin/emojis', title: 'Custom emoji' },
  { path: '/admin/moderation-log', title: 'Moderation log' },
  { path: '/admin/announcements', title: 'Announcements' },
  { path: '/admin/invitations', title: 'Invitations' },
  { path: '/admin/system-webhooks', title: 'System webhooks' },
  { path: '/admin/queue', title: 'Job queue' },
  { path: '/admin/email', title: 'E-mail' },
  { path: '/admin/translation', title: 'Translation' },
  { path: '/admin/charts', title: 'Charts' },
  { path: '/admin/server-info', title: 'Server info' },
];
