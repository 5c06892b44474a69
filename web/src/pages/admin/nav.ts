/** The control panel's pages, in nav order; other modules add theirs (the layout lists them all). */
export const ADMIN_PAGES: { path: string; title: string }[] = [
  { path: 'users', title: 'Users' },
  { path: 'reports', title: 'Reports' },
  { path: 'moderation-log', title: 'Moderation log' },
  { path: 'system-webhooks', title: 'System webhooks' },
  { path: 'server-info', title: 'Server info' },
];
