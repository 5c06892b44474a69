/**
 * The control panel's pages, in the order of its sidebar. Each capability that brings an admin page
 * adds its entry here and its child route under `/admin` in web/src/main.ts.
 */
export const ADMIN_PAGES: { path: string; title: string }[] = [
  { path: '/admin/roles', title: 'Roles' },
  { path: '/admin/queue', title: 'Job queue' },
];
