import { oauthTransactionId } from './oauth-transaction';
import { createApp } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import App from './App.vue';
import { needsSignIn, NOT_FOUND_ROUTE } from './navigation';
import { safeRedirect } from './redirect';
import { loadSession, session } from './session';
import HomePage from './pages/HomePage.vue';
import SetupPage from './pages/SetupPage.vue';
import SignupPage from './pages/SignupPage.vue';
import SettingsEmailPage from './pages/SettingsEmailPage.vue';
import SettingsPushPage from './pages/SettingsPushPage.vue';
import ForgotPasswordPage from './pages/ForgotPasswordPage.vue';
import ResetPasswordPage from './pages/ResetPasswordPage.vue';
import SignupCompletePage from './pages/SignupCompletePage.vue';
import AdminEmailPage from './pages/admin/AdminEmailPage.vue';
import AdminTranslationPage from './pages/admin/AdminTranslationPage.vue';
import SigninPage from './pages/SigninPage.vue';
import SettingsApiPage from './pages/SettingsApiPage.vue';
import SettingsAppsPage from './pages/SettingsAppsPage.vue';
import SettingsSecurityPage from './pages/SettingsSecurityPage.vue';
import SettingsWebhooksPage from './pages/SettingsWebhooksPage.vue';
import SettingsImportExportPage from './pages/SettingsImportExportPage.vue';
import SettingsAccountPage from './pages/SettingsAccountPage.vue';
import SettingsAvatarDecorationsPage from './pages/SettingsAvatarDecorationsPage.vue';
import MiAuthPage from './pages/MiAuthPage.vue';
import LegacyAuthPage from './pages/LegacyAuthPage.vue';
import OAuthAuthorizePage from './pages/OAuthAuthorizePage.vue';
import NotFoundPage from './pages/NotFoundPage.vue';
import UserPage from './pages/UserPage.vue';
import NotePage from './pages/NotePage.vue';
import NotificationsPage from './pages/NotificationsPage.vue';
import AdminLayout from './pages/admin/AdminLayout.vue';
import AdminIndexPage from './pages/admin/AdminIndexPage.vue';
import AdminQueuePage from './pages/admin/AdminQueuePage.vue';
import AdminBrandingPage from './pages/admin/AdminBrandingPage.vue';
import AdminAdsPage from './pages/admin/AdminAdsPage.vue';
import AdminAvatarDecorationsPage from './pages/admin/AdminAvatarDecorationsPage.vue';
import RolesPage from './pages/admin/RolesPage.vue';
import RoleEditPage from './pages/admin/RoleEditPage.vue';
import BasePoliciesPage from './pages/admin/BasePoliciesPage.vue';
import ClipsPage from './pages/ClipsPage.vue';
import ChatPage from './pages/ChatPage.vue';
import ChatConversationPage from './pages/ChatConversationPage.vue';
import ClipPage from './pages/ClipPage.vue';
import GalleryPage from './pages/GalleryPage.vue';
import GalleryPostPage from './pages/GalleryPostPage.vue';
import PagesPage from './pages/PagesPage.vue';
import PageViewPage from './pages/PageViewPage.vue';
import PlaysPage from './pages/PlaysPage.vue';
import PlayPage from './pages/PlayPage.vue';
import ChannelsPage from './pages/ChannelsPage.vue';
import ChannelPage from './pages/ChannelPage.vue';
import AdminUsersPage from './pages/admin/AdminUsersPage.vue';
import AdminUserPage from './pages/admin/AdminUserPage.vue';
import AdminReportsPage from './pages/admin/AdminReportsPage.vue';
import AdminModerationLogPage from './pages/admin/AdminModerationLogPage.vue';
import AdminSystemWebhooksPage from './pages/admin/AdminSystemWebhooksPage.vue';
import AdminServerInfoPage from './pages/admin/AdminServerInfoPage.vue';
import AdminEmojisPage from './pages/admin/AdminEmojisPage.vue';
import AntennasPage from './pages/AntennasPage.vue';
import AnnouncementsPage from './pages/AnnouncementsPage.vue';
import InvitePage from './pages/InvitePage.vue';
import AdminAnnouncementsPage from './pages/admin/AdminAnnouncementsPage.vue';
import AdminInvitationsPage from './pages/admin/AdminInvitationsPage.vue';
import AdminChartsPage from './pages/admin/AdminChartsPage.vue';
import AntennaPage from './pages/AntennaPage.vue';
import FollowRequestsPage from './pages/FollowRequestsPage.vue';
import ListsPage from './pages/ListsPage.vue';
import ListPage from './pages/ListPage.vue';
import FavoritesPage from './pages/FavoritesPage.vue';
import SettingsIndexPage from './pages/SettingsIndexPage.vue';
import SettingsProfilePage from './pages/SettingsProfilePage.vue';
import SettingsPrivacyPage from './pages/SettingsPrivacyPage.vue';
import SettingsMuteBlockPage from './pages/SettingsMuteBlockPage.vue';
import SettingsNotificationsPage from './pages/SettingsNotificationsPage.vue';
import DrivePage from './pages/DrivePage.vue';
import SearchPage from './pages/SearchPage.vue';
import ExplorePage from './pages/ExplorePage.vue';
import TagPage from './pages/TagPage.vue';
import MentionsPage from './pages/MentionsPage.vue';
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
