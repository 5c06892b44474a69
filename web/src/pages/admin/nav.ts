/** The control panel's pages, in the order its navigation lists them (each admin area adds its own). */
export const ADMIN_PAGES: { path: string; title: string }[] = [
  { path: '/admin/roles', title: 'Roles' },
];
