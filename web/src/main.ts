import { oauthTransactionId } from './oauth-transaction';
import { createApp } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import App from './App.vue';
import { needsSignIn, NOT_FOUND_ROUTE } from './navigation';
import { safeRedirect } from './redirect';
import { loadSession, session } from './session';
import HomePage from './pages/HomePage.vue';
const SetupPage = () => import('./pages/SetupPage.vue');
const SignupPage = () => import('./pages/SignupPage.vue');
const SettingsEmailPage = () => import('./pages/SettingsEmailPage.vue');
const SettingsPushPage = () => import('./pages/SettingsPushPage.vue');
const ForgotPasswordPage = () => import('./pages/ForgotPasswordPage.vue');
const ResetPasswordPage = () => import('./pages/ResetPasswordPage.vue');
const SignupCompletePage = () => import('./pages/SignupCompletePage.vue');
const AdminEmailPage = () => import('./pages/admin/AdminEmailPage.vue');
const AdminTranslationPage = () => import('./pages/admin/AdminTranslationPage.vue');
const SigninPage = () => import('./pages/SigninPage.vue');
const SettingsApiPage = () => import('./pages/SettingsApiPage.vue');
const SettingsAppsPage = () => import('./pages/SettingsAppsPage.vue');
const SettingsSecurityPage = () => import('./pages/SettingsSecurityPage.vue');
const SettingsWebhooksPage = () => import('./pages/SettingsWebhooksPage.vue');
const SettingsImportExportPage = () => import('./pages/SettingsImportExportPage.vue');
const SettingsAccountPage = () => import('./pages/SettingsAccountPage.vue');
const SettingsAvatarDecorationsPage = () => import('./pages/SettingsAvatarDecorationsPage.vue');
const MiAuthPage = () => import('./pages/MiAuthPage.vue');
const LegacyAuthPage = () => import('./pages/LegacyAuthPage.vue');
const OAuthAuthorizePage = () => import('./pages/OAuthAuthorizePage.vue');
const NotFoundPage = () => import('./pages/NotFoundPage.vue');
const UserPage = () => import('./pages/UserPage.vue');
const NotePage = () => import('./pages/NotePage.vue');
const NotificationsPage = () => import('./pages/NotificationsPage.vue');
const AdminLayout = () => import('./pages/admin/AdminLayout.vue');
const AdminIndexPage = () => import('./pages/admin/AdminIndexPage.vue');
const AdminQueuePage = () => import('./pages/admin/AdminQueuePage.vue');
const AdminBrandingPage = () => import('./pages/admin/AdminBrandingPage.vue');
const AdminAdsPage = () => import('./pages/admin/AdminAdsPage.vue');
const AdminAvatarDecorationsPage = () => import('./pages/admin/AdminAvatarDecorationsPage.vue');
const RolesPage = () => import('./pages/admin/RolesPage.vue');
const RoleEditPage = () => import('./pages/admin/RoleEditPage.vue');
const BasePoliciesPage = () => import('./pages/admin/BasePoliciesPage.vue');
const ClipsPage = () => import('./pages/ClipsPage.vue');
const ChatPage = () => import('./pages/ChatPage.vue');
const ChatConversationPage = () => import('./pages/ChatConversationPage.vue');
const ClipPage = () => import('./pages/ClipPage.vue');
const GalleryPage = () => import('./pages/GalleryPage.vue');
const GalleryPostPage = () => import('./pages/GalleryPostPage.vue');
const PagesPage = () => import('./pages/PagesPage.vue');
const PageViewPage = () => import('./pages/PageViewPage.vue');
const PlaysPage = () => import('./pages/PlaysPage.vue');
const PlayPage = () => import('./pages/PlayPage.vue');
const ChannelsPage = () => import('./pages/ChannelsPage.vue');
const ChannelPage = () => import('./pages/ChannelPage.vue');
const AdminUsersPage = () => import('./pages/admin/AdminUsersPage.vue');
const AdminUserPage = () => import('./pages/admin/AdminUserPage.vue');
const AdminReportsPage = () => import('./pages/admin/AdminReportsPage.vue');
const AdminModerationLogPage = () => import('./pages/admin/AdminModerationLogPage.vue');
const AdminSystemWebhooksPage = () => import('./pages/admin/AdminSystemWebhooksPage.vue');
const AdminServerInfoPage = () => import('./pages/admin/AdminServerInfoPage.vue');
const AdminEmojisPage = () => import('./pages/admin/AdminEmojisPage.vue');
const AntennasPage = () => import('./pages/AntennasPage.vue');
const AnnouncementsPage = () => import('./pages/AnnouncementsPage.vue');
const InvitePage = () => import('./pages/InvitePage.vue');
const AdminAnnouncementsPage = () => import('./pages/admin/AdminAnnouncementsPage.vue');
const AdminInvitationsPage = () => import('./pages/admin/AdminInvitationsPage.vue');
const AdminChartsPage = () => import('./pages/admin/AdminChartsPage.vue');
const AntennaPage = () => import('./pages/AntennaPage.vue');
const FollowRequestsPage = () => import('./pages/FollowRequestsPage.vue');
const ListsPage = () => import('./pages/ListsPage.vue');
const ListPage = () => import('./pages/ListPage.vue');
const FavoritesPage = () => import('./pages/FavoritesPage.vue');
const SettingsIndexPage = () => import('./pages/SettingsIndexPage.vue');
const SettingsProfilePage = () => import('./pages/SettingsProfilePage.vue');
const SettingsPrivacyPage = () => import('./pages/SettingsPrivacyPage.vue');
const SettingsMuteBlockPage = () => import('./pages/SettingsMuteBlockPage.vue');
const SettingsNotificationsPage = () => import('./pages/SettingsNotificationsPage.vue');
const DrivePage = () => import('./pages/DrivePage.vue');
const SearchPage = () => import('./pages/SearchPage.vue');
const ExplorePage = () => import('./pages/ExplorePage.vue');
const TagPage = () => import('./pages/TagPage.vue');
const MentionsPage = () => import('./pages/MentionsPage.vue');
import './style.css';
import { followAccountPreferences } from './preferences';
import { loadErrorMessages } from './errors';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Signed-out visitors are sent to /signin?redirect=<this page>. */
    requiresSignIn?: boolean | ((to: RouteLocationNormalized) => boolean);
    /** Signed-in visitors go straight on to ?redirect= (or home). */
    guestOnly?: boolean;
  }
}

// Pages are loaded on first visit (the initial script stays within its budget). A page whose
// chunk is gone (the client was rebuilt while this tab was open: old chunks are replaced) reloads
// the page at the address asked for, which fetches the new build.
window.addEventListener('vite:preloadError', (event) => {
  event.preventDefault();
  window.location.reload();
});
const STALE_CHUNK = /dynamically imported module|Importing a module script failed/i;

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomePage },
    { path: '/setup', component: SetupPage, meta: { title: 'Set up' } },
    { path: '/signup', component: SignupPage, meta: { title: 'Sign up', guestOnly: true } },
    { path: '/signin', component: SigninPage, meta: { title: 'Sign in', guestOnly: true } },
    { path: '/settings/api', component: SettingsApiPage, meta: { title: 'API', requiresSignIn: true } },
    { path: '/settings/security', component: SettingsSecurityPage, meta: { title: 'Security', requiresSignIn: true } },
    { path: '/settings/apps', component: SettingsAppsPage, meta: { title: 'Authorized apps', requiresSignIn: true } },
    { path: '/settings/webhooks', component: SettingsWebhooksPage, meta: { title: 'Webhooks', requiresSignIn: true } },
    { path: '/settings/avatar-decorations', component: SettingsAvatarDecorationsPage, meta: { title: 'Avatar decorations', requiresSignIn: true } },
    { path: '/settings/import-export', component: SettingsImportExportPage, meta: { title: 'Import and export', requiresSignIn: true } },
    { path: '/settings/account', component: SettingsAccountPage, meta: { title: 'Account', requiresSignIn: true } },
    { path: '/miauth/:session', component: MiAuthPage, meta: { title: 'Authorize an app', requiresSignIn: true } },
    { path: '/auth/:token', component: LegacyAuthPage, meta: { title: 'Authorize an app', requiresSignIn: true } },
    // Without a transaction there is nothing to decide (an invalid request): no need to sign in to read why.
    { path: '/oauth/authorize', component: OAuthAuthorizePage, meta: { title: 'Authorize an app', requiresSignIn: (to) => oauthTransactionId(to.query) != null } },
    { path: '/settings/email', component: SettingsEmailPage, meta: { title: 'E-mail', requiresSignIn: true } },
    { path: '/settings/push', component: SettingsPushPage, meta: { title: 'Push notifications', requiresSignIn: true } },
    { path: '/forgot-password', component: ForgotPasswordPage, meta: { title: 'Forgot password', guestOnly: true } },
    { path: '/reset-password/:token', component: ResetPasswordPage, meta: { title: 'New password' } },
    { path: '/signup-complete/:code', component: SignupCompletePage, meta: { title: 'Sign-up' } },
    { path: '/notifications', component: NotificationsPage, meta: { title: 'Notifications', requiresSignIn: true } },
    // The control panel: AdminLayout refuses accounts that are neither administrator nor moderator.
    {
      path: '/admin',
      component: AdminLayout,
      meta: { title: 'Control panel', requiresSignIn: true },
      children: [
        { path: '', component: AdminIndexPage },
        { path: 'queue', component: AdminQueuePage, meta: { title: 'Job queue' } },
        { path: 'general', component: AdminBrandingPage, meta: { title: 'General' } },
        { path: 'ads', component: AdminAdsPage, meta: { title: 'Ads' } },
        { path: 'avatar-decorations', component: AdminAvatarDecorationsPage, meta: { title: 'Avatar decorations' } },
        { path: 'email', component: AdminEmailPage, meta: { title: 'E-mail' } },
        { path: 'translation', component: AdminTranslationPage, meta: { title: 'Translation' } },
        { path: 'roles', component: RolesPage, meta: { title: 'Roles' } },
        { path: 'roles/new', component: RoleEditPage, meta: { title: 'New role' } },
        { path: 'roles/base', component: BasePoliciesPage, meta: { title: 'Base policies' } },
        { path: 'roles/:id', component: RoleEditPage, meta: { title: 'Role' } },
        { path: 'users', component: AdminUsersPage, meta: { title: 'Users' } },
        { path: 'users/:id', component: AdminUserPage, meta: { title: 'User' } },
        { path: 'reports', component: AdminReportsPage, meta: { title: 'Reports' } },
        { path: 'moderation-log', component: AdminModerationLogPage, meta: { title: 'Moderation log' } },
        { path: 'system-webhooks', component: AdminSystemWebhooksPage, meta: { title: 'System webhooks' } },
        { path: 'server-info', component: AdminServerInfoPage, meta: { title: 'Server info' } },
        { path: 'charts', component: AdminChartsPage, meta: { title: 'Charts' } },
        { path: 'announcements', component: AdminAnnouncementsPage, meta: { title: 'Announcements' } },
        { path: 'invitations', component: AdminInvitationsPage, meta: { title: 'Invitations' } },
        { path: 'emojis', component: AdminEmojisPage, meta: { title: 'Custom emoji' } },
      ],
    },
    { path: '/announcements', component: AnnouncementsPage, meta: { title: 'Announcements' } },
    { path: '/invite', component: InvitePage, meta: { title: 'Invite', requiresSignIn: true } },
    { path: '/antennas', component: AntennasPage, meta: { title: 'Antennas', requiresSignIn: true } },
    { path: '/antennas/:id', component: AntennaPage, meta: { title: 'Antenna', requiresSignIn: true } },
    { path: '/notes/:id', component: NotePage, meta: { title: 'Note' } },
    { path: '/follow-requests', component: FollowRequestsPage, meta: { title: 'Follow requests', requiresSignIn: true } },
    { path: '/lists', component: ListsPage, meta: { title: 'Lists', requiresSignIn: true } },
    { path: '/lists/:id', component: ListPage, meta: { title: 'List', requiresSignIn: true } },
    { path: '/favorites', component: FavoritesPage, meta: { title: 'Favorites', requiresSignIn: true } },
    { path: '/settings', component: SettingsIndexPage, meta: { title: 'Settings', requiresSignIn: true } },
    { path: '/settings/profile', component: SettingsProfilePage, meta: { title: 'Profile settings', requiresSignIn: true } },
    { path: '/settings/privacy', component: SettingsPrivacyPage, meta: { title: 'Privacy', requiresSignIn: true } },
    { path: '/settings/mute-block', component: SettingsMuteBlockPage, meta: { title: 'Mute and block', requiresSignIn: true } },
    { path: '/settings/notifications', component: SettingsNotificationsPage, meta: { title: 'Notification settings', requiresSignIn: true } },
    { path: '/clips', component: ClipsPage, meta: { title: 'Clips', requiresSignIn: true } },
    { path: '/chat', component: ChatPage, meta: { title: 'Chat', requiresSignIn: true } },
    { path: '/chat/user/:id', component: ChatConversationPage, meta: { title: 'Chat', requiresSignIn: true } },
    { path: '/chat/room/:id', component: ChatConversationPage, meta: { title: 'Chat', requiresSignIn: true } },
    { path: '/clips/:id', component: ClipPage, meta: { title: 'Clip' } },
    { path: '/gallery', component: GalleryPage, meta: { title: 'Gallery' } },
    { path: '/gallery/:id', component: GalleryPostPage, meta: { title: 'Gallery post' } },
    { path: '/pages', component: PagesPage, meta: { title: 'Pages' } },
    { path: '/:acct(@[^/]+)/pages/:name', component: PageViewPage, meta: { title: 'Page' } },
    { path: '/play', component: PlaysPage, meta: { title: 'Play' } },
    { path: '/play/:id', component: PlayPage, meta: { title: 'Play' } },
    { path: '/channels', component: ChannelsPage, meta: { title: 'Channels' } },
    { path: '/channels/:id', component: ChannelPage, meta: { title: 'Channel' } },
    { path: '/drive', component: DrivePage, meta: { title: 'Drive', requiresSignIn: true } },
    { path: '/drive/folder/:id', component: DrivePage, meta: { title: 'Drive', requiresSignIn: true } },
    { path: '/search', component: SearchPage, meta: { title: 'Search' } },
    { path: '/explore', component: ExplorePage, meta: { title: 'Explore' } },
    { path: '/tags/:tag', component: TagPage, meta: { title: 'Hashtag' } },
    { path: '/mentions', component: MentionsPage, meta: { title: 'Mentions', requiresSignIn: true } },
    { path: '/messages', component: MentionsPage, meta: { title: 'Direct messages', requiresSignIn: true } },
    { path: '/:acct(@[^/]+)', component: UserPage, meta: { title: 'Profile' } },
    // The profile's tabs (server-rendered with the profile's tags, src/web/pages.ts) show the profile.
    { path: '/:acct(@[^/]+)/:tab(notes|replies|files|media|clips|following|followers|activity|reactions|achievements)', component: UserPage, meta: { title: 'Profile' } },
    { path: '/:pathMatch(.*)*', name: NOT_FOUND_ROUTE, component: NotFoundPage, meta: { title: 'Not found' } },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

// meta and the signed-in user, once, before the first page decides anything.
const ready = loadSession();

router.onError((error, to) => {
  if (STALE_CHUNK.test(String((error as Error)?.message))) window.location.assign(to.fullPath);
});

router.beforeEach(async (to) => {
  await ready;
  const requireSetup = session.meta?.requireSetup === true;
  // First run: until the administrator exists, every page is the setup page.
  if (requireSetup && to.path !== '/setup') return { path: '/setup', replace: true };
  if (!requireSetup && session.meta && to.path === '/setup') return { path: '/', replace: true };
  if (needsSignIn(to) && !session.token) return { path: '/signin', query: { redirect: to.fullPath }, replace: true };
  if (to.meta.guestOnly && session.token) {
    const target = safeRedirect(to.query.redirect) ?? '/';
    if (router.resolve(target).name === NOT_FOUND_ROUTE) {
      location.assign(target);
      return false;
    }
    return target;
  }
  return true;
});

followAccountPreferences();
// After the page's own requests: errors are worded from it (errors.ts).
setTimeout(() => { void loadErrorMessages(); }, 1000);
createApp(App).use(router).mount('#app');
