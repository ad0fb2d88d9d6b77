// Owns the theme and language switches shown in the top bar and on the login page.
import { useT } from '../../lib/i18n';
import { setLocale, setTheme, usePrefs } from '../../lib/prefs';

export function PrefsToggles() {
  const t = useT();
  const { theme, locale } = usePrefs();
  return (
    <div className="prefs">
      <button
        type="button"
        className="btn btn-sm"
        data-testid="theme-toggle"
        aria-label={t('prefs.toggleTheme')}
        title={t('prefs.toggleTheme')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? `☀ ${t('prefs.light')}` : `☾ ${t('prefs.dark')}`}
      </button>
      <select
        className="select select-sm"
        data-testid="locale-select"
        aria-label={t('prefs.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value === 'zh' ? 'zh' : 'en')}
      >
        <option value="en">English</option>
        <option value="zh">简体中文</option>
      </select>
    </div>
  );
}
