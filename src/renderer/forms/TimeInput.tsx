// A time of day on the 24-hour clock as the language writes it (20.55 in Indonesian, 20:55 in English; either is
// read), stored as `20:55`. Replaces the browser's time input, which shows "08:55 PM" in an English browser.
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../site';
import { parseTimeText, timeText } from './dateText';
import { TypedTextInput, type TypedTextProps } from './TypedTextInput';

export function TimeInput(props: TypedTextProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return <TypedTextInput placeholder={t('typedInput.timePlaceholder')} {...props} reading={{ show: (value) => timeText(value, language), read: parseTimeText, invalidMessage: t('typedInput.timeInvalid') }} />;
}
