// The ID / EN switch: changes the UI at once and, when signed in, keeps the choice in the user's profile.
import { SegmentedControl, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { noc } from '../api/client';
import { applyLanguage } from '../i18n';
import { useLanguage } from '../site';
import { useSession } from '../stores/session';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const signedIn = useSession((s) => s.phase === 'signedIn');
  const setUser = useSession((s) => s.setUser);

  const change = async (value: string) => {
    const next: Language = value === 'en' ? 'en' : 'id';
    applyLanguage(next);
    if (!signedIn) return;
    try {
      setUser(await noc.call('auth.updateProfile', { language: next }));
    } catch {
      // the UI already switched; the profile keeps its old choice until the next switch
    }
  };

  return (
    <Tooltip label={t('lang.switch')} withArrow openDelay={400}>
      <SegmentedControl
        size="xs"
        transitionDuration={0}
        value={language}
        onChange={(value) => void change(value)}
        aria-label={t('lang.switch')}
        data-testid="language-switch"
        data={[
          { value: 'id', label: <span data-testid="language-id" title={t('lang.id')}>ID</span> },
          { value: 'en', label: <span data-testid="language-en" title={t('lang.en')}>EN</span> },
        ]}
      />
    </Tooltip>
  );
}
