import { reactive } from 'vue';

/**
 * The client's languages: a tiny `t()` over two dictionaries. English is the reference (every key);
 * Japanese may lack a key, which then shows in English. Pages not translated yet still carry their
 * English text in the template (see docs/web-client.md).
 */
export type Locale = 'en' | 'ja';
export const LOCALES: { id: Locale; name: string }[] = [{ id: 'en', name: 'English' }, { id: 'ja', name: '日本語' }];
const STORAGE_KEY = 'mikan:locale';

const en = {
  'nav.main': 'Main',
  'nav.home': 'Home',
  'nav.channels': 'Channels',
  'nav.explore': 'Explore',
  'nav.search': 'Search',
  'nav.mentions': 'Mentions',
  'nav.messages': 'Messages',
  'nav.drive': 'Drive',
  'nav.followRequests': 'Follow requests',
  'nav.lists': 'Lists',
  'nav.favorites': 'Favorites',
  'nav.settings': 'Settings',
  'nav.notifications': 'Notifications',
  'nav.profile': 'Profile',
  'nav.chat': 'Chat',
  'nav.clips': 'Clips',
  'nav.play': 'Play',
  'nav.antennas': 'Antennas',
  'nav.gallery': 'Gallery',
  'nav.pages': 'Pages',
  'nav.announcements': 'Announcements',
  'nav.invite': 'Invite',
  'nav.settingsApi': 'Settings › API',
  'nav.security': 'Security',
  'nav.apps': 'Authorized apps',
  'nav.webhooks': 'Webhooks',
  'nav.importExport': 'Import/export',
  'nav.account': 'Account',
  'nav.avatarDecorations': 'Avatar decorations',
  'nav.email': 'E-mail',
  'nav.push': 'Push notifications',
  'nav.admin': 'Control panel',
  'nav.unread': 'unread',
  'header.signIn': 'Sign in',
  'header.signOut': 'Sign out',
  'header.signedIn': 'Signed in',
  'header.loadError': 'Could not load this page: {message}',
  'header.retry': 'Try again',
  'footer.apiReference': 'API reference',
  'prefs.theme': 'Theme',
  'prefs.theme.system': 'System',
  'prefs.theme.light': 'Light',
  'prefs.theme.dark': 'Dark',
  'prefs.language': 'Language',
  'signin.title': 'Sign in',
  'signin.forApp': 'An app is asking to use your account. Sign in first; then you will see what it asks for and decide.',
  'signin.intro': 'Sign in to your account on {name}.',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.otp': 'Two-factor code',
  'signin.otpHint': 'The code from your authenticator app, or one of your backup codes.',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'signin.forgot': 'Forgot your password?',
  'signin.passkey': 'Use a passkey instead of a password',
  'signin.noAccount': 'No account yet?',
  'signin.signUp': 'Sign up',
  'signin.haveInvitation': 'Have an invitation code?',
  'signin.signUpWithIt': 'Sign up with it',
  'signin.enterPassword': 'Enter your password.',
  'signin.unsupportedStep': 'This account needs a sign-in step this web client does not support yet ({step}).',
  'signup.title': 'Sign up',
  'signup.almostDone': 'Almost done.',
  'signup.sentLink': 'We sent a link to {email}. Open it to finish creating your account.',
  'signup.confirmFirst': 'The server has to confirm your account before you can sign in. Follow the instructions it sent you, then sign in.',
  'signup.invitationOnly': '{name} is invitation-only: you need an invitation code from someone on it.',
  'signup.intro': 'Create an account on {name}.',
  'signup.invitationCode': 'Invitation code',
  'signup.username': 'Username',
  'signup.usernameHint': 'Letters, digits and underscores, up to 20 characters. It cannot be changed later.',
  'signup.password': 'Password',
  'signup.email': 'E-mail address',
  'signup.emailHint': 'This server confirms your address before the account is created.',
  'signup.submit': 'Create account',
  'signup.busy': 'Creating account…',
  'signup.haveAccount': 'Already have an account?',
  'signup.signIn': 'Sign in',
  'password.hint': 'At least {min} characters. A few unrelated words make a strong password.',
  'password.tooShort': 'The password is too short: use at least {min} characters.',
  'password.strength': 'Strength: {level}',
  'password.weak': 'weak',
  'password.fair': 'fair',
  'password.strong': 'strong',
  'setup.title': 'Set up {name}',
  'setup.intro': "This server has no accounts yet. Create the administrator's account to finish setting it up; you will be signed in with it.",
  'setup.username': 'Administrator username',
  'setup.usernameHint': 'Letters, digits and underscores, up to 20 characters.',
  'setup.password': 'Password',
  'setup.setupPassword': 'Setup password',
  'setup.setupPasswordHint': 'Only needed when the server was started with MIKAN_SETUP_PASSWORD; leave it empty otherwise.',
  'setup.submit': 'Create administrator',
  'setup.busy': 'Creating…',
  'error.code': 'Error code',
  'error.id': 'error id {id}',
  'error.refused': 'The server refused the request.',
  'error.unreachable': 'Cannot reach the server. Check your connection and try again.',
  'error.http': 'The server answered {status}.',
  'error.field': 'Check the field “{field}”.',
  'error.fieldReason': 'Check the field “{field}”: {reason}.',
  'auth.errorFix': 'Nothing was shared with the app. Go back to the app and start again; if this happens again, tell the app’s developer the error code above.',
};

export type MessageKey = keyof typeof en;

const ja: Partial<Record<MessageKey, string>> = {
  'nav.main': 'メイン',
  'nav.home': 'ホーム',
  'nav.channels': 'チャンネル',
  'nav.explore': 'みつける',
  'nav.search': '検索',
  'nav.mentions': 'メンション',
  'nav.messages': 'ダイレクト',
  'nav.drive': 'ドライブ',
  'nav.followRequests': 'フォローリクエスト',
  'nav.lists': 'リスト',
  'nav.favorites': 'お気に入り',
  'nav.settings': '設定',
  'nav.notifications': '通知',
  'nav.profile': 'プロフィール',
  'nav.chat': 'チャット',
  'nav.clips': 'クリップ',
  'nav.play': 'Play',
  'nav.antennas': 'アンテナ',
  'nav.gallery': 'ギャラリー',
  'nav.pages': 'ページ',
  'nav.announcements': 'お知らせ',
  'nav.invite': '招待',
  'nav.settingsApi': '設定 › API',
  'nav.security': 'セキュリティ',
  'nav.apps': '連携アプリ',
  'nav.webhooks': 'Webhook',
  'nav.importExport': 'インポートとエクスポート',
  'nav.account': 'アカウント',
  'nav.avatarDecorations': 'アイコンデコレーション',
  'nav.email': 'メール',
  'nav.push': 'プッシュ通知',
  'nav.admin': 'コントロールパネル',
  'nav.unread': '未読',
  'header.signIn': 'ログイン',
  'header.signOut': 'ログアウト',
  'header.signedIn': 'ログイン中',
  'header.loadError': 'このページを読み込めませんでした: {message}',
  'header.retry': '再試行',
  'footer.apiReference': 'API リファレンス',
  'prefs.theme': 'テーマ',
  'prefs.theme.system': 'システム',
  'prefs.theme.light': 'ライト',
  'prefs.theme.dark': 'ダーク',
  'prefs.language': '言語',
  'signin.title': 'ログイン',
  'signin.forApp': 'アプリがあなたのアカウントの利用を求めています。まずログインしてください。その後、要求内容を確認して決められます。',
  'signin.intro': '{name} のアカウントにログインします。',
  'signin.username': 'ユーザー名',
  'signin.password': 'パスワード',
  'signin.otp': '二段階認証コード',
  'signin.otpHint': '認証アプリのコード、またはバックアップコードのひとつ。',
  'signin.submit': 'ログイン',
  'signin.busy': 'ログイン中…',
  'signin.forgot': 'パスワードを忘れましたか?',
  'signin.passkey': 'パスワードの代わりにパスキーを使う',
  'signin.noAccount': 'アカウントをお持ちでないですか?',
  'signin.signUp': '新規登録',
  'signin.haveInvitation': '招待コードをお持ちですか?',
  'signin.signUpWithIt': '招待コードで登録',
  'signin.enterPassword': 'パスワードを入力してください。',
  'signin.unsupportedStep': 'このアカウントには、このクライアントがまだ対応していないログイン手順が必要です ({step})。',
  'signup.title': '新規登録',
  'signup.almostDone': 'あと少しです。',
  'signup.sentLink': '{email} にリンクを送りました。開いてアカウントの作成を完了してください。',
  'signup.confirmFirst': 'ログインする前に、サーバーによるアカウントの確認が必要です。送られた案内に従ってから、ログインしてください。',
  'signup.invitationOnly': '{name} は招待制です。参加している人から招待コードをもらってください。',
  'signup.intro': '{name} にアカウントを作成します。',
  'signup.invitationCode': '招待コード',
  'signup.username': 'ユーザー名',
  'signup.usernameHint': '英数字とアンダースコア、20文字まで。あとから変更できません。',
  'signup.password': 'パスワード',
  'signup.email': 'メールアドレス',
  'signup.emailHint': 'このサーバーはアカウント作成の前にアドレスを確認します。',
  'signup.submit': 'アカウントを作成',
  'signup.busy': 'アカウントを作成中…',
  'signup.haveAccount': 'すでにアカウントをお持ちですか?',
  'signup.signIn': 'ログイン',
  'password.hint': '{min}文字以上。関係のない単語をいくつか並べると強いパスワードになります。',
  'password.tooShort': 'パスワードが短すぎます。{min}文字以上にしてください。',
  'password.strength': '強度: {level}',
  'password.weak': '弱い',
  'password.fair': '普通',
  'password.strong': '強い',
  'setup.title': '{name} のセットアップ',
  'setup.intro': 'このサーバーにはまだアカウントがありません。管理者アカウントを作成してセットアップを完了してください。作成後はそのアカウントでログインします。',
  'setup.username': '管理者のユーザー名',
  'setup.usernameHint': '英数字とアンダースコア、20文字まで。',
  'setup.password': 'パスワード',
  'setup.setupPassword': 'セットアップパスワード',
  'setup.setupPasswordHint': 'サーバーを MIKAN_SETUP_PASSWORD 付きで起動した場合のみ必要です。それ以外は空のままにしてください。',
  'setup.submit': '管理者を作成',
  'setup.busy': '作成中…',
  'error.code': 'エラーコード',
  'error.id': 'エラー ID {id}',
  'error.refused': 'サーバーがリクエストを拒否しました。',
  'error.unreachable': 'サーバーに接続できません。接続を確認してもう一度お試しください。',
  'error.http': 'サーバーの応答: {status}。',
  'error.field': '「{field}」を確認してください。',
  'error.fieldReason': '「{field}」を確認してください: {reason}。',
  'auth.errorFix': 'アプリには何も共有されていません。アプリに戻ってやり直してください。繰り返し起きる場合は、上のエラーコードをアプリの開発者に伝えてください。',
};

const dictionaries: Record<Locale, Partial<Record<MessageKey, string>>> = { en, ja };

function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The browser's first language we have, else English. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export const i18n = reactive({ locale: storedLocale() ?? browserLocale() });
document.documentElement.lang = i18n.locale;

/** Sets the language for this browser (and `<html lang>`); preferences.ts also keeps it in the registry. */
export function setLocale(locale: Locale, options: { store?: boolean } = {}): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  if (options.store !== false) {
    try { localStorage.setItem(STORAGE_KEY, locale); } catch { /* private mode: this page only */ }
  }
}

/** The text for `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isKnownLocale(value: unknown): value is Locale {
  return isLocale(value);
}
